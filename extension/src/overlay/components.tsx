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
export function ChipGroup({ email, result, inactivityDays }: { email: string; result: Signal<LookupResult | undefined>; inactivityDays: number }) {
  const chips = chipsFor(result.value, { inactivityDays });
  return (
    <div class="chips" role="group" aria-label={`Licenses for ${email}`}>
      {result.value ? chips.map((c) => <ChipView key={c.label} chip={c} />) : <span class="chip loading">Checking licenses…</span>}
    </div>
  );
}

/** The server's words for a failure, never as HTML. */
export function FailureText({ message }: { message: string }) {
  return <span class="inline-error">{message}</span>;
}
