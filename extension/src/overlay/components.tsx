import type { ReadonlySignal, Signal } from '@preact/signals';
import type { LookupResult } from '@seatwise/shared';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { paintChipGroup } from './chip-group.ts';
import { Icon } from './icons.tsx';
import { isLive, type OverlayStatus } from './status.ts';
import { plural } from '../ui/format.ts';

/** The chip group of one user, kept in step with its answer (drawn by paintChipGroup, as the Users list's rows are). */
export function ChipGroup({ email, result, inactivityDays }: { email: string; result: Signal<LookupResult | undefined>; inactivityDays: number }) {
  const group = useRef<HTMLDivElement>(null);
  const answer = result.value;
  useLayoutEffect(() => paintChipGroup(group.current!, { email, result: answer, inactivityDays }), [email, answer, inactivityDays]);
  return <div ref={group} />;
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
