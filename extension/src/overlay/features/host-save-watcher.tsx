import { signal as makeSignal, type Signal } from '@preact/signals';
import { PRODUCT_LABELS, withArticle, type Product, type Role } from '@seatwise/shared/catalog';
import type { RolePreviewResult } from '@seatwise/shared';
import type { HostRecord } from '../../adapters/host-records.ts';
import { recordChanged } from '../../adapters/host-records.ts';
import { outcomeUnknown, toFailure } from '../../api/failure.ts';
import { observeEditUserForms } from '../edit-user-forms.ts';
import { defineFeature } from '../feature.ts';
import { hostSaveOutcome } from '../host-outcome.ts';
import { mountUi } from '../mount.tsx';
import { syncPlatformRecord } from '../platform-sync.ts';
import { onTrusted } from '../trusted.ts';

type Notice =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'warn'; preview: RolePreviewResult; proceed: () => void; cancel: () => void }
  | { kind: 'syncing' }
  | { kind: 'synced'; waiting: string[] }
  /** Seatwise could not be reached: the change waits in the outbox and goes out when it can. */
  | { kind: 'queued' }
  /** The platform's own record shows no change Seatwise keeps (or could not be read): nothing is synced. */
  | { kind: 'unconfirmed'; message: string }
  | { kind: 'error'; message: string };

/** "a weCLIMB seat", "an eLearn seat". */
const aSeat = (names: string[]) => `${withArticle(names.join(' and '))} seat`;
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const waitingIn = (licenses: { product: Product; state: string }[]) => licenses.filter((l) => l.state === 'waiting').map((l) => PRODUCT_LABELS[l.product]);


function NoticeView({ state }: { state: Signal<Notice> }) {
  const notice = state.value;
  switch (notice.kind) {
    case 'idle':
      return null;
    case 'checking':
      return <span class="notice info" role="status">Checking seats in Seatwise before saving…</span>;
    case 'syncing':
      return <span class="notice info" role="status">Saved on the host; syncing roles to Seatwise…</span>;
    case 'unconfirmed':
      return <span class="notice info" role="status" data-state="unconfirmed"><strong>Seatwise was not updated</strong>{notice.message}</span>;
    case 'queued':
      return (
        <span class="notice warn" role="status" data-state="queued">
          <strong>Saved on the host; waiting to reach Seatwise</strong>
          Seatwise cannot be reached now. The change is kept and sent as soon as it can be, even after the browser restarts.
        </span>
      );
    case 'error':
      return <span class="notice warn" role="alert"><strong>Saved on the host, but Seatwise was not updated</strong>{notice.message}</span>;
    case 'synced':
      return notice.waiting.length ? (
        <span class="notice warn" role="status" data-state="waiting">
          <strong>{`Synced to Seatwise: waiting for ${aSeat(notice.waiting)}`}</strong>
          The roles are recorded; the license is given automatically when a seat frees up (longest waiting first).
        </span>
      ) : (
        <span class="notice ok" role="status" data-state="synced"><strong>Synced to Seatwise</strong>Roles and licenses are up to date.</span>
      );
    case 'warn':
      return (
        <span class="notice warn" role="alert" data-state="warn">
          <strong>{`Saving will leave this user waiting for ${aSeat([PRODUCT_LABELS[notice.preview.refusal!.product]])}`}</strong>
          {notice.preview.refusal!.message}
          <span class="actions">
            <button type="button" class="btn primary" onClick={onTrusted(notice.proceed)}>Save anyway</button>
            <button type="button" class="btn" onClick={onTrusted(notice.cancel)}>Don’t save</button>
          </span>
        </span>
      );
  }
}

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
      mountUi(adapter.noticeAnchor(form), <NoticeView state={notice} />, { signal, feature: 'host-save-watcher' });
      let letThrough = false;
      /** The platform's record as it was before the Save: what a Save must have changed to be synced. */
      const readRecord = () => ctx.backend.request('host.record', { hostUserId: view.hostUserId }).catch((): HostRecord | null => null);
      let baseline: Promise<HostRecord | null> = readRecord();
      let baselineRead = false;
      void baseline.finally(() => (baselineRead = true));

      const afterSave = async () => {
        const outcome = await hostSaveOutcome(adapter.selectors, { signal });
        if (outcome !== 'saved') return void (notice.value = { kind: 'idle' });
        const [before, after] = [await baseline, await readRecord()];
        if (!before || !after) return void (notice.value = { kind: 'unconfirmed', message: 'The host’s own record of this user could not be read, so the change is not synced.' });
        if (!recordChanged(before, after)) return void (notice.value = { kind: 'unconfirmed', message: 'The host’s own record of this user shows no change to roles, organizations, name or email.' });
        baseline = Promise.resolve(after);
        // Not the caller's to change, and no answer may say whether Seatwise knows them.
        if (!ctx.inScope(after.orgIds)) return void (notice.value = { kind: 'unconfirmed', message: 'This user is outside your organizations, so Seatwise is not updated from here.' });
        notice.value = { kind: 'syncing' };
        try {
          // The whole saved record goes over as a host change: roles, and a move to
          // other organizations or a new name or email too, not just the roles.
          const result = await syncPlatformRecord(ctx.backend, after, state.detail.peek()?.user.orgIds);
          if ('queued' in result) return void (notice.value = { kind: 'queued' });
          notice.value = { kind: 'synced', waiting: waitingIn(result.user.licenses) };
          await state.reload();
        } catch (error) {
          const failure = toFailure(error);
          notice.value = { kind: 'error', message: outcomeUnknown(failure) ? `No answer came back, so it is not known whether Seatwise was updated (${failure.message}). Showing what Seatwise holds now.` : failure.message };
          if (outcomeUnknown(failure)) await state.reload();
        }
      };

      const onSubmit = (event: SubmitEvent) => {
        if (event.target !== form) return;
        const roles = adapter.checkedRoles(form);
        if (letThrough) {
          letThrough = false;
          void afterSave();
          return;
        }
        const userId = state.detail.peek()?.user.id;
        const submitter = event.submitter;
        const proceed = () => {
          letThrough = true;
          form.requestSubmit(submitter instanceof HTMLButtonElement && submitter.form === form ? submitter : undefined);
        };
        // The record before the Save must be in hand first, or the Save's change could not be told apart.
        if (!baselineRead) {
          event.preventDefault();
          event.stopImmediatePropagation();
          return void baseline.finally(proceed);
        }
        // Nothing to ask about: Seatwise unknown or unreachable, or the roles did not change. Never block the host then.
        if (!userId || sameSet(roles, state.roles.peek())) return void afterSave();
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
