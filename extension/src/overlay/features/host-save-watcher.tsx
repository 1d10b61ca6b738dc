import type { HostRecord } from '../../adapters/host-records.ts';
import { observeEditUserForms } from '../edit-user-forms.ts';
import { defineFeature } from '../feature.ts';
import { reportFailure } from '../feature-manager.ts';
import { holdSubmitsUntilLoaded } from '../held-submit.ts';
import { loadPart } from '../parts.ts';

/**
 * Edit User: watches the host form's own Save (a capture-phase listener, so it
 * runs before the host's). If the ticked roles need a seat that is not free,
 * it says so and asks before the save goes through. After the host says it
 * saved, the user's record is read again from the platform's own API and
 * compared with the one read when the form appeared: only a change the
 * platform really made is synced to Seatwise (source "host": never refused,
 * it may wait). The form, its fields and the "saved" flash are the page's,
 * and a script on the page can forge them all, so none of them is what gets
 * synced. Without Seatwise the host saves as usual.
 */
export default defineFeature({
  id: 'host-save-watcher',
  description: 'Warns before a host Save that would leave the user waiting for a seat; syncs the saved roles.',
  pages: ['edit-user'],
  init(signal, ctx) {
    observeEditUserForms(ctx, signal, 'host-save-watcher', (form, view, state) => {
      const readRecord = () => ctx.backend.request('host.record', { hostUserId: view.hostUserId }).catch((): HostRecord | null => null);
      /** The platform's record as it was before the Save: what a Save must have changed to be synced. Read now, before any Save. */
      let baseline = readRecord();
      // The rest loads with the first Save pressed (parts/host-save-watch.tsx), which waits for it. Had it failed
      // to arrive, the Save goes through: without Seatwise the host saves as usual.
      holdSubmitsUntilLoaded(
        () => loadPart(ctx.backend, 'edit-user-save').then((part) => part.watchSaves(signal, ctx, { form, state, baseline: () => baseline, readRecord, rebase: (after) => (baseline = Promise.resolve(after)) })),
        (target) => target === form,
        signal,
        (error) => reportFailure('host-save-watcher', error),
      );
    });
  },
});
