import { effect, untracked } from '@preact/signals';
import type { Role } from '@seatwise/shared';
import { outcomeUnknown, toFailure, type Failure } from '../../api/failure.ts';
import type { RoleSwitch } from '../features/role-toggles.tsx';
import { newIdempotencyKey } from '../trusted.ts';

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

/**
 * What a role's switch (features/role-toggles.tsx) does when the admin
 * presses it, loaded with the first press: holds the seats the role needs and
 * ticks the host checkbox, or gives a hold back, or marks a role Seatwise has
 * as released by the Save; and from then on, a hold this form placed that
 * expires unticks the role again, and leaving the page gives it back. Returns
 * what to run on a press and on the admin unticking a held role's host checkbox.
 */
export function roleSwitch({ box, state, backend, signal, busy, refusal, placed, releasing, expiredNote, holdOf, granted, notes }: RoleSwitch) {
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

  notes.value = () => (
    <>
      {expiredNote.value && (
        <span class="notice warn hold-expired" role="status" data-hold-expired={box.role}>
          <strong>The hold expired</strong>
          The seat went back to the pool and the role is unticked. Tick it again to hold a seat.
        </span>
      )}
      {refusal.value && <Refusal failure={refusal.value} />}
    </>
  );

  return {
    /** The admin's own press on the switch (the feature checked it was theirs). */
    async press() {
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
    },
    /** The admin unticked a held role's host checkbox by hand: the hold ends the same way. */
    untickedHeld: () => void release('unticked').then(() => state.reload(), (error) => (refusal.value = toFailure(error))),
  };
}
