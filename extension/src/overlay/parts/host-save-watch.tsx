import { signal as makeSignal, type Signal } from '@preact/signals';
import type { RolePreviewResult } from '@seatwise/shared';
import { PRODUCT_LABELS, withArticle, type Product } from '@seatwise/shared/catalog';
import { recordChanged, type HostRecord } from '../../adapters/host-records.ts';
import { outcomeUnknown, toFailure } from '../../api/failure.ts';
import type { EditUserState } from '../edit-user-state.ts';
import type { FeatureContext } from '../feature.ts';
import { resubmit } from '../held-submit.ts';
import { hostSaveOutcome } from '../host-outcome.ts';
import { mountUi } from '../mount.tsx';
import { syncPlatformRecord } from '../platform-sync.ts';
import { onTrusted } from '../trusted.ts';

/** What Host Save Watcher says under the form: before a Save (checking, asking) and after it (syncing, synced, or why not). */
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

/** One form, as Host Save Watcher (features/host-save-watcher.tsx) hands it over with the first Save pressed. */
export interface WatchedForm {
  form: HTMLFormElement;
  state: EditUserState;
  /** The platform's record as it was before the Save (read when the form appeared), and how to read it again. */
  baseline(): Promise<HostRecord | null>;
  readRecord(): Promise<HostRecord | null>;
  /** A synced Save's record is the baseline for the next one. */
  rebase(record: HostRecord): void;
}

/**
 * Host Save Watcher's work (features/host-save-watcher.tsx) on one form, from
 * the first Save pressed (which waited for this code): each Save, with its
 * notices under the form; a Save that would leave the user waiting for a seat
 * asks first; a saved change the platform really made is synced.
 */
export function watchSaves(signal: AbortSignal, ctx: FeatureContext<'edit-user'>, { form, state, baseline, readRecord, rebase }: WatchedForm) {
  const adapter = ctx.adapters.editUser;
  const notice = makeSignal<Notice>({ kind: 'idle' });
  mountUi(adapter.noticeAnchor(form), <NoticeView state={notice} />, { signal, feature: 'host-save-watcher' });
  let letThrough = false;
  let baselineRead = false;
  void baseline().finally(() => (baselineRead = true));

  const afterSave = async () => {
    const outcome = await hostSaveOutcome(adapter.selectors, { signal });
    if (outcome !== 'saved') return void (notice.value = { kind: 'idle' });
    const [before, after] = [await baseline(), await readRecord()];
    if (!before || !after) return void (notice.value = { kind: 'unconfirmed', message: 'The host’s own record of this user could not be read, so the change is not synced.' });
    if (!recordChanged(before, after)) return void (notice.value = { kind: 'unconfirmed', message: 'The host’s own record of this user shows no change to roles, organizations, name or email.' });
    rebase(after);
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
    const again = resubmit(event);
    const proceed = () => {
      letThrough = true;
      again();
    };
    // The record before the Save must be in hand first, or the Save's change could not be told apart.
    if (!baselineRead) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return void baseline().finally(proceed);
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
}
