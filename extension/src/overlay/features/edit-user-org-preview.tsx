import { effect } from '@preact/signals';
import { observeEditUserForms } from '../edit-user-forms.ts';
import { defineFeature } from '../feature.ts';
import { reportFailure } from '../feature-manager.ts';
import { orgsMoved } from '../home-org.ts';
import { loadPart } from '../parts.ts';

/**
 * Edit User → Authorized Organizations: the platform's move drops or
 * changes licenses on Save (a seat from the old home's pools goes back, a
 * product the new home has not activated is lost). While the organizations
 * picked differ from Seatwise's, the license effect of saving them, from the
 * server's preview of the same move (nothing changes until the Save).
 */
export default defineFeature({
  id: 'edit-user-org-preview',
  description: 'License effect of the organizations picked on Edit User, before the Save moves the user.',
  pages: ['edit-user'],
  init(signal, ctx) {
    if (!ctx.canChange) return;
    const adapter = ctx.adapters.editUser;
    observeEditUserForms(ctx, signal, 'edit-user-org-preview', (form, _view, state) => {
      // Its code loads once the picks first differ from Seatwise's (parts/edit-user-org-preview.tsx): the admin changed them, or the host's already do.
      let started = false;
      const start = () => {
        if (started) return;
        started = true;
        loadPart(ctx.backend, 'edit-user-save').then(
          (part) => part.orgMovePreview(signal, ctx, form, state),
          (error: unknown) => ((started = false), reportFailure('edit-user-org-preview', error)),
        );
      };
      const moved = () => {
        if (started) return; // read nothing: the effect has nothing left to follow
        const user = state.detail.value?.user;
        if (user && orgsMoved(user.orgIds, adapter.selectedOrgIds(form))) start();
      };
      form.addEventListener('change', (e) => void (adapter.isOrgsField(e.target) && moved()), { signal });
      const stop = effect(moved);
      signal.addEventListener('abort', stop, { once: true });
    });
  },
});
