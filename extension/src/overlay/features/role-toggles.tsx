import { signal as makeSignal } from '@preact/signals';
import type { Role } from '@seatwise/shared';
import { outcomeUnknown, toFailure, type Failure } from '../../api/failure.ts';
import type { RoleCheckbox } from '../../adapters/edit-user.ts';
import type { Backend } from '../../messaging/client.ts';
import { observeEditUserForms } from '../edit-user-forms.ts';
import type { EditUserState } from '../edit-user-state.ts';
import { defineFeature } from '../feature.ts';
import { mountUi } from '../mount.tsx';
import { roleHint } from '../role-hint.ts';
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

function RoleTools({ box, state, backend, canChange }: { box: RoleCheckbox; state: EditUserState; backend: Backend; canChange: boolean }) {
  const busy = makeSignal(false);
  const refusal = makeSignal<Failure | null>(null);
  // Only the admin's own click or key press on the switch (never a page script's) changes anything;
  // what it will do is on screen beside it (the hint) before it is pressed.
  const apply = onTrusted(async () => {
    const userId = state.detail.peek()?.user.id;
    if (!userId || busy.value) return;
    const has = state.roles.peek().includes(box.role);
    busy.value = true;
    refusal.value = null;
    try {
      await backend.request(has ? 'roles.revoke' : 'roles.grant', { userId, role: box.role as Role, idempotencyKey: newIdempotencyKey() });
      // Seatwise changed: the host form must say the same, or its next Save would undo it.
      box.input.checked = !has;
      box.input.dispatchEvent(new Event('change', { bubbles: true }));
      await state.reload();
    } catch (error) {
      refusal.value = toFailure(error);
      // The change may have gone through: re-read, so the switch shows the server's state, not a guess.
      if (outcomeUnknown(refusal.value)) await state.reload();
    } finally {
      busy.value = false;
    }
  });
  return () => {
    const has = state.roles.value.includes(box.role);
    const hint = roleHint(state.previews.value[box.role]);
    // No switch until Seatwise has answered: a switch that cannot say the user's real state would mislead.
    if (!state.detail.value) return null;
    return (
      <span class="role-tools">
        {hint && <span class={`hint ${hint.tone}`} data-role-hint={box.role}>{`${has ? 'Untick: ' : 'Tick: '}${hint.text}`}</span>}
        {/* Reporters and support staff read: they get the hints, not a switch the server would refuse. */}
        {canChange && (
          <button
            type="button"
            role="switch"
            class="switch"
            aria-checked={has ? 'true' : 'false'}
            aria-label={box.label}
            aria-busy={busy.value ? 'true' : 'false'}
            title={`${has ? 'Revoke' : 'Grant'} ${box.label} in Seatwise now`}
            onClick={apply}
          />
        )}
        {refusal.value && <Refusal failure={refusal.value} />}
      </span>
    );
  };
}

/**
 * Edit User: beside each role checkbox, what ticking or unticking it does to
 * licenses, and a quick toggle (role="switch") that applies the change in
 * Seatwise at once and mirrors it into the host checkbox. A refusal is shown
 * inline with the server's reason and suggestions; nothing changes.
 */
export default defineFeature({
  id: 'role-toggles',
  description: 'License effect hints and license-aware quick toggles beside each role checkbox.',
  pages: ['edit-user'],
  init(signal, ctx) {
    observeEditUserForms(ctx, signal, 'role-toggles', (form, view, state) => {
      for (const box of view.checkboxes) {
        const Tools = RoleTools({ box, state, backend: ctx.backend, canChange: ctx.canChange });
        mountUi(box.anchor, <Tools />, { signal, feature: 'role-toggles', inline: true, end: true });
      }
    });
  },
});
