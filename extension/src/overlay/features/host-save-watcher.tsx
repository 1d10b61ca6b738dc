import { signal as makeSignal } from '@preact/signals';
import type { HostRecord } from '../../adapters/host-records.ts';
import { observeEditUserForms } from '../edit-user-forms.ts';
import { defineFeature } from '../feature.ts';
import { resubmit } from '../held-submit.ts';
import { hostSaveOutcome } from '../host-outcome.ts';
import { loadPart } from '../parts.ts';
import type { Notice } from '../parts/host-save-notices.tsx';

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

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
    const adapter = ctx.adapters.editUser;
    observeEditUserForms(ctx, signal, 'host-save-watcher', (form, view, state) => {
      const notice = makeSignal<Notice>({ kind: 'idle' });
      let letThrough = false;
      /** The platform's record as it was before the Save: what a Save must have changed to be synced. */
      const readRecord = () => ctx.backend.request('host.record', { hostUserId: view.hostUserId }).catch((): HostRecord | null => null);
      let baseline: Promise<HostRecord | null> = readRecord();
      let baselineRead = false;
      void baseline.finally(() => (baselineRead = true));

      /** The notices and the sync after a Save load with the first Save pressed (parts/host-save-notices.tsx). */
      let notices: ReturnType<typeof loadNotices> | null = null;
      const loadNotices = () =>
        loadPart(ctx.backend, 'edit-user-save').then((part) =>
          part.hostSaveNotices(signal, ctx, { form, state, notice, baseline: () => baseline, readRecord, rebase: (after) => (baseline = Promise.resolve(after)) }),
        );
      const afterSave = () => {
        // Watched from now: the host's answer may come before the code does.
        const outcome = hostSaveOutcome(adapter.selectors, { signal });
        void notices!.then((after) => after(outcome), (error: unknown) => console.warn('[seatwise] host-save-watcher failed', error));
      };

      const onSubmit = (event: SubmitEvent) => {
        if (event.target !== form) return;
        if (!notices) (notices = loadNotices()).catch(() => (notices = null));
        const roles = adapter.checkedRoles(form);
        if (letThrough) {
          letThrough = false;
          return afterSave();
        }
        const userId = state.detail.peek()?.user.id;
        const again = resubmit(event);
        const proceed = () => {
          letThrough = true;
          again();
        };
        // The record before the Save must be in hand first, or the Save's change could not be told apart.
        if (!baselineRead) {
          event.preventDefault();
          event.stopImmediatePropagation();
          return void baseline.finally(proceed);
        }
        // Nothing to ask about: Seatwise unknown or unreachable, or the roles did not change. Never block the host then.
        if (!userId || sameSet(roles, state.roles.peek())) return afterSave();
        event.preventDefault();
        event.stopImmediatePropagation();
        notice.value = { kind: 'checking' };
        ctx.backend.request('roles.preview', { userId, roles }).then(
          (preview) => {
            if (preview.ok || !preview.refusal) return proceed();
            notice.value = { kind: 'warn', preview, proceed, cancel: () => (notice.value = { kind: 'idle' }) };
          },
          () => proceed(), // Seatwise could not answer: the host's Save is the host's business
        );
      };
      document.addEventListener('submit', onSubmit, { capture: true, signal });
    });
  },
});
