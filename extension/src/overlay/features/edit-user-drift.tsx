import { effect, signal as makeSignal } from '@preact/signals';
import { driftOf, pendingOnPlatform, type Drift, type Pending } from '../drift.ts';
import { createDriftView } from '../drift-view.tsx';
import { observeEditUserForms } from '../edit-user-forms.ts';
import { defineFeature } from '../feature.ts';
import { mountUi } from '../mount.tsx';

/**
 * Edit User: where the platform's saved record of the user (read from the
 * platform's API, not the form, whose unsaved ticks are not yet the
 * platform's) differs from Seatwise, the same "out of step" chip as on the
 * Users list, the changes pending on the platform with their steps, and one
 * click to take the platform's side.
 */
export default defineFeature({
  id: 'edit-user-drift',
  description: 'Out-of-step chip, pending platform steps and the platform-side sync for the user being edited.',
  pages: ['edit-user'],
  init(signal, ctx) {
    observeEditUserForms(ctx, signal, 'edit-user-drift', (_form, view, state) => {
      const drift = makeSignal<Drift | null>(null);
      const pending = makeSignal<Pending[]>([]);
      const View = createDriftView(
        { hostUserId: view.hostUserId, email: view.email, seatwiseOrgIds: () => state.detail.peek()?.user.orgIds ?? [] },
        { backend: ctx.backend, canChange: ctx.canChange, orgName: ctx.orgName },
      );
      mountUi(view.panelAnchor, <View drift={drift} pending={pending} />, { signal, feature: 'edit-user-drift' });
      let asked = 0;
      // Compared again whenever Seatwise's view of the user is (after a Save, a sync, any live change).
      const stop = effect(() => {
        const detail = state.detail.value;
        const mine = ++asked;
        if (!detail) return void (drift.value = null);
        void ctx.backend.request('host.record', { hostUserId: view.hostUserId }).then(
          (record) => {
            if (mine !== asked || signal.aborted) return;
            const d = record ? driftOf(record, { roles: detail.user.roles, orgIds: detail.user.orgIds, archived: detail.user.status === 'archived' }) : null;
            drift.value = d;
            pending.value = d ? pendingOnPlatform(d, detail.events, ctx.orgName) : [];
          },
          () => undefined,
        );
      });
      signal.addEventListener('abort', stop, { once: true });
    });
  },
});
