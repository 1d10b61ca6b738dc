import { computed, effect, signal as makeSignal, untracked, type Signal } from '@preact/signals';
import type { Role } from '@seatwise/shared';
import { outcomeUnknown, toFailure, type Failure } from '../../api/failure.ts';
import type { RoleCheckbox } from '../../adapters/edit-user.ts';
import type { Backend } from '../../messaging/client.ts';
import { observeEditUserForms } from '../edit-user-forms.ts';
import type { EditUserState } from '../edit-user-state.ts';
import { defineFeature } from '../feature.ts';
import { mountUi } from '../mount.tsx';
import { roleHint } from '../role-hint.ts';
import { formatTimeLeft } from '../../ui/format.ts';
import { newIdempotencyKey, onTrusted } from '../trusted.ts';

interface Suggestion { email?: string; reason?: string }

/** The server's refusal, in its own words, with what would free a seat; or that the outcome is not known. */
function Refusal({ failure }: { failure: Failure }) {
  if (outcomeUnknown(failure)) {
    return (
      <span class="refusal" role="alert" data-outcome="unknown">
        <strong>Outcome unknown</strong>
        {`No answer came back (${failure.message}), so the change may or may not have been made. The switch shows what Seatwise holds now.`}
      </span>
    );
  }
  const suggestions = (failure.kind === 'api' && Array.isArray(failure.details?.suggestions) ? failure.details.suggestions : []) as Suggestion[];
  return (
    <span class="refusal" role="alert">
      <strong>{failure.kind === 'api' && failure.code === 'license_limit_reached' ? 'Not changed: no seat is free' : 'Not changed'}</strong>
      {failure.message}
      {suggestions.length > 0 && (
        <>
          <br />
          <span>Holders you could release:</span>
          <ul>{suggestions.slice(0, 5).map((s, i) => <li key={i}>{`${s.email ?? 'a user'}${s.reason ? ` (${s.reason})` : ''}`}</li>)}</ul>
        </>
      )}
    </span>
  );
}

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

/**
 * One role's switch. Ticking holds the seats the role needs (taken for
 * everyone else, nothing granted yet) and ticks the host checkbox: the
 * host's Save grants it, and Seatwise follows that Save. Unticking a hold
 * gives its seats back; unticking a role Seatwise has only unticks the host
 * checkbox, and the Save releases it. So Seatwise never holds what the
 * platform was not saved with.
 */
function RoleTools({ box, state, backend, canChange, now, signal }: ToolsProps) {
  const busy = makeSignal(false);
  const refusal = makeSignal<Failure | null>(null);
  /** This form placed the role's hold (so leaving the page gives it back). */
  const placed = makeSignal(false);
  /** This form unticked a role Seatwise has: the Save releases it. */
  const releasing = makeSignal(false);
  const expiredNote = makeSignal(false);
  const holdOf = computed(() => state.holds.value.find((h) => h.role === box.role));
  const granted = computed(() => state.roles.value.includes(box.role));
  const userId = () => state.detail.peek()?.user.id;

  /** The host checkbox mirrors the switch; the change event lets the host's own form logic see it. */
  const tickHost = (checked: boolean) => {
    if (box.input.checked === checked) return;
    box.input.checked = checked;
    box.input.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const release = async (reason: 'unticked' | 'left_page') => {
    const id = userId();
    if (!id) return;
    placed.value = false;
    await backend.request('holds.release', { userId: id, role: box.role as Role, reason });
  };

  // Only the admin's own click or key press on the switch (never a page script's) changes anything;
  // what it will do is on screen beside it (the hint) before it is pressed.
  const apply = onTrusted(async () => {
    const id = userId();
    if (!id || busy.value) return;
    busy.value = true;
    refusal.value = null;
    expiredNote.value = false;
    try {
      if (granted.peek()) {
        releasing.value = !releasing.value;
        tickHost(!releasing.value);
      } else if (holdOf.peek()) {
        await release('unticked');
        tickHost(false);
        await state.reload();
      } else {
        await backend.request('holds.place', { userId: id, role: box.role as Role, idempotencyKey: newIdempotencyKey() });
        placed.value = true;
        tickHost(true);
        await state.reload();
      }
    } catch (error) {
      refusal.value = toFailure(error);
      // The change may have gone through: re-read, so the switch shows the server's state, not a guess.
      if (outcomeUnknown(refusal.value)) await state.reload();
    } finally {
      busy.value = false;
    }
  });

  // The admin unticking the host checkbox by hand ends the hold the same way; ticking a role back keeps it.
  box.input.addEventListener(
    'change',
    (event) => {
      if (!event.isTrusted) return;
      if (box.input.checked) releasing.value = false;
      else if (granted.peek()) releasing.value = true;
      else if (holdOf.peek()) void release('unticked').then(() => state.reload(), (error) => (refusal.value = toFailure(error)));
    },
    { signal },
  );

  // Leaving without saving: the background gives the seats back (the server's expiry is the backstop).
  window.addEventListener('pagehide', () => void (placed.peek() && holdOf.peek() && release('left_page').catch(() => undefined)), { signal });

  // The hold this form placed is gone while the role was not granted: it expired (or was released
  // elsewhere). The seat went back, so the host checkbox must not promise it any more.
  const stop = effect(() => {
    const gone = !holdOf.value && !granted.value;
    if (!gone || !untracked(() => placed.value)) return;
    placed.value = false;
    tickHost(false);
    expiredNote.value = true;
  });
  signal.addEventListener('abort', stop, { once: true });

  return () => {
    // No switch until Seatwise has answered: a switch that cannot say the user's real state would mislead.
    if (!state.detail.value) return null;
    const hold = holdOf.value;
    const has = granted.value;
    const on = !!hold || (has && !releasing.value);
    const hint = roleHint(state.previews.value[box.role]);
    return (
      <span class="role-tools">
        {hold ? (
          <span class="hint held" data-hold-for={box.role} title="The seat is taken for this user; the host's Save assigns it">
            {/* `now` only re-renders each tick; the time is read afresh so a new hold never shows a stale countdown. */}
            {`${placed.value ? 'Held for this form' : 'Held for another open form'}, ${formatTimeLeft(hold.expiresAt, Math.max(now.value, Date.now()))}`}
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
            onClick={apply}
          />
        )}
        {expiredNote.value && (
          <span class="notice warn hold-expired" role="status" data-hold-expired={box.role}>
            <strong>The hold expired</strong>
            The seat went back to the pool and the role is unticked. Tick it again to hold a seat.
          </span>
        )}
        {refusal.value && <Refusal failure={refusal.value} />}
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
