import type { ReadonlySignal, Signal } from '@preact/signals';
import type { LookupResult } from '@seatwise/shared';
import { chipsFor, type Chip } from './chips.ts';
import { Icon, TONE_ICON } from './icons.tsx';
import { isLive, type OverlayStatus } from './status.ts';
import { plural } from '../ui/format.ts';

export function ChipView({ chip }: { chip: Chip }) {
  return (
    <span class={`chip tone-${chip.tone}`} title={chip.title} data-tone={chip.tone}>
      <Icon name={TONE_ICON[chip.tone]} />
      {chip.label}
    </span>
  );
}

/** The chip group of one user: named for the user so a screen reader knows whose licenses these are. */
export function ChipGroup({ email, result, inactivityDays, failed, outside }: { email: string; result: Signal<LookupResult | undefined>; inactivityDays: number; failed?: Signal<unknown>; outside?: boolean }) {
  const chips = chipsFor(result.value, { inactivityDays, outside });
  // With no answer because Seatwise cannot be asked (signed out, unreachable), rows stay quiet:
  // the counts bar above the table says why once, rather than a spinner on every row forever.
  const body = result.value ? chips.map((c) => <ChipView key={c.label} chip={c} />) : failed?.value ? null : <span class="chip loading">Checking licenses…</span>;
  return (
    <div class="chips" role="group" aria-label={`Licenses for ${email}`}>
      {body}
    </div>
  );
}

/** The server's words for a failure, never as HTML. */
export function FailureText({ message }: { message: string }) {
  return <span class="inline-error">{message}</span>;
}

/** Seatwise's dot: blue only while the live stream is really connected; grey (and said so) otherwise. */
export function LiveDot({ status }: { status: OverlayStatus }) {
  const live = isLive(status.connection.value);
  const words = live ? 'Live: changes appear as they happen' : 'Not live: reconnecting to Seatwise; figures may be behind';
  return <span class="brand-dot" data-live={live ? 'true' : 'false'} role="img" aria-label={words} title={words} />;
}

/** "N platform changes waiting to reach Seatwise", while any wait in the outbox. */
export function OutboxLine({ waiting }: { waiting: ReadonlySignal<number> }) {
  if (!waiting.value) return null;
  return (
    <span class="outbox-line" role="status" data-outbox={waiting.value} title="Saved on the platform; sent to Seatwise as soon as it can be reached, in order, exactly once.">
      <Icon name="clock" />
      {`${plural(waiting.value, 'platform change')} waiting to reach Seatwise`}
    </span>
  );
}
