import { computed, signal as makeSignal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { FunctionComponent } from 'preact';
import { toFailure, type Failure } from '../../api/failure.ts';
import type { RoleCheckbox } from '../../adapters/edit-user.ts';
import type { Backend } from '../../messaging/client.ts';
import { FailureText } from '../components.tsx';
import { observeEditUserForms } from '../edit-user-forms.ts';
import type { EditUserState } from '../edit-user-state.ts';
import { defineFeature } from '../feature.ts';
import { mountUi } from '../mount.tsx';
import { loadPart } from '../parts.ts';
import { roleHint } from '../role-hint.ts';
import { formatTimeLeft } from '../../ui/format.ts';
import { onTrusted } from '../trusted.ts';

/** Re-renders the holds' countdowns while the page is open. */
function minuteClock(signal: AbortSignal): Signal<number> {
  const now = makeSignal(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), 15_000);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  return now;
}

interface ToolsProps {
  box: RoleCheckbox;
  state: EditUserState;
  backend: Backend;
  canChange: boolean;
  now: Signal<number>;
  signal: AbortSignal;
}

/** One role's switch as its code behind a press (parts/role-switch.tsx) sees it. */
export interface RoleSwitch {
  box: RoleCheckbox;
  state: EditUserState;
  backend: Backend;
  signal: AbortSignal;
  busy: Signal<boolean>;
  /** The server's refusal of the last press, or that its outcome is not known. */
  refusal: Signal<Failure | null>;
  /** This form placed the role's hold (so leaving the page gives it back). */
  placed: Signal<boolean>;
  /** This form unticked a role Seatwise has: the Save releases it. */
  releasing: Signal<boolean>;
  expiredNote: Signal<boolean>;
  holdOf: ReadonlySignal<EditUserState['holds']['value'][number] | undefined>;
  granted: ReadonlySignal<boolean>;
  /** What the press's code says under the switch (a refusal, an expired hold), drawn here once it has arrived. */
  notes: Signal<FunctionComponent | null>;
}

/**
 * One role's switch. Ticking holds the seats the role needs (taken for
 * everyone else, nothing granted yet) and ticks the host checkbox: the
 * host's Save grants it, and Seatwise follows that Save. Unticking a hold
 * gives its seats back; unticking a role Seatwise has only unticks the host
 * checkbox, and the Save releases it. So Seatwise never holds what the
 * platform was not saved with.
 */
function RoleTools({ box, state, backend, canChange, now, signal }: ToolsProps) {
  const sw: RoleSwitch = {
    box, state, backend, signal,
    busy: makeSignal(false),
    refusal: makeSignal(null),
    placed: makeSignal(false),
    releasing: makeSignal(false),
    expiredNote: makeSignal(false),
    holdOf: computed(() => state.holds.value.find((h) => h.role === box.role)),
    granted: computed(() => state.roles.value.includes(box.role)),
    notes: makeSignal(null),
  };
  const { busy, releasing, holdOf, granted } = sw;
  /** The press's code could not be loaded (the background gone): said under the switch, nothing changed. */
  const unloaded = makeSignal<string | null>(null);
  // The code behind a press loads with the first press (parts/role-switch.tsx).
  let code: ReturnType<typeof loadCode> | null = null;
  const loadCode = () => loadPart(backend, 'edit-user-save').then((part) => part.roleSwitch(sw));
  const withCode = (then: (c: Awaited<ReturnType<typeof loadCode>>) => unknown) =>
    (code ??= loadCode()).then(
      (c) => ((unloaded.value = null), then(c)),
      (error: unknown) => ((code = null), (unloaded.value = toFailure(error).message)),
    );

  // Only the admin's own click or key press on the switch (never a page script's) changes anything;
  // what it will do is on screen beside it (the hint) before it is pressed.
  const press = onTrusted(() => void withCode((c) => c.press()));

  // The admin unticking the host checkbox by hand ends the hold the same way; ticking a role back keeps it.
  box.input.addEventListener(
    'change',
    (event) => {
      if (!event.isTrusted) return;
      if (box.input.checked) releasing.value = false;
      else if (granted.peek()) releasing.value = true;
      else if (holdOf.peek()) void withCode((c) => c.untickedHeld());
    },
    { signal },
  );

  return () => {
    // No switch until Seatwise has answered: a switch that cannot say the user's real state would mislead.
    if (!state.detail.value) return null;
    const hold = holdOf.value;
    const has = granted.value;
    const on = !!hold || (has && !releasing.value);
    const hint = roleHint(state.previews.value[box.role]);
    const Notes = sw.notes.value;
    return (
      <span class="role-tools">
        {hold ? (
          <span class="hint held" data-hold-for={box.role} title="The seat is taken for this user; the host's Save assigns it">
            {/* `now` only re-renders each tick; the time is read afresh so a new hold never shows a stale countdown. */}
            {`${sw.placed.value ? 'Held for this form' : 'Held for another open form'}, ${formatTimeLeft(hold.expiresAt, Math.max(now.value, Date.now()))}`}
          </span>
        ) : releasing.value ? (
          <span class="hint free" data-role-hint={box.role}>Released when you save</span>
        ) : (
          hint && <span class={`hint ${hint.tone}`} data-role-hint={box.role}>{`${has ? 'Untick: ' : 'Tick: '}${hint.text}`}</span>
        )}
        {/* Reporters and support staff read: they get the hints, not a switch the server would refuse. */}
        {canChange && (
          <button
            type="button"
            role="switch"
            class="switch"
            aria-checked={on ? 'true' : 'false'}
            aria-label={box.label}
            aria-busy={busy.value ? 'true' : 'false'}
            title={hold ? `Give the held seat back and untick ${box.label}` : has ? `Untick ${box.label}; Save releases it` : `Hold a seat for ${box.label} and tick it; Save assigns it`}
            onClick={press}
          />
        )}
        {Notes && <Notes />}
        {unloaded.value && <FailureText message={unloaded.value} />}
      </span>
    );
  };
}

/**
 * Edit User: beside each role checkbox, what ticking or unticking it does to
 * licenses, and a quick toggle (role="switch") that holds the seat and ticks
 * the host checkbox (the host's Save assigns it). A refusal is shown inline
 * with the server's reason and suggestions; nothing changes.
 */
export default defineFeature({
  id: 'role-toggles',
  description: 'License effect hints and quick toggles that hold the seat until the host Save, beside each role checkbox.',
  pages: ['edit-user'],
  init(signal, ctx) {
    const now = minuteClock(signal);
    observeEditUserForms(ctx, signal, 'role-toggles', (form, view, state) => {
      for (const box of view.checkboxes) {
        const Tools = RoleTools({ box, state, backend: ctx.backend, canChange: ctx.canChange, now, signal });
        mountUi(box.anchor, <Tools />, { signal, feature: 'role-toggles', inline: true, end: true });
      }
    });
  },
});
