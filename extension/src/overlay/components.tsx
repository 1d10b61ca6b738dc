import type { Signal } from '@preact/signals';
import type { LookupResult } from '@seatwise/shared';
import { chipsFor, type Chip } from './chips.ts';
import { Icon, TONE_ICON } from './icons.tsx';

export function ChipView({ chip }: { chip: Chip }) {
  return (
    <span class={`chip tone-${chip.tone}`} title={chip.title} data-tone={chip.tone}>
      <Icon name={TONE_ICON[chip.tone]} />
      {chip.label}
    </span>
  );
}

/** The chip group of one user: named for the user so a screen reader knows whose licenses these are. */
export function ChipGroup({ email, result, inactivityDays, failed }: { email: string; result: Signal<LookupResult | undefined>; inactivityDays: number; failed?: Signal<unknown> }) {
  const chips = chipsFor(result.value, { inactivityDays });
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
