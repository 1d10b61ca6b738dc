import { signal as makeSignal } from '@preact/signals';
import { recordChanged, type HostRecord } from '../../adapters/host-records.ts';
import { outcomeUnknown, toFailure } from '../../api/failure.ts';
import type { HostUserSync } from '../../messaging/protocol.ts';
import { BulkProgress, type BulkSync } from '../bulk-progress.tsx';
import type { FeatureContext } from '../feature.ts';
import { resubmit } from '../held-submit.ts';
import { hostSaveOutcome } from '../host-outcome.ts';
import { mountUi } from '../mount.tsx';
import { observe } from '../observe.ts';
import { toHostUserSync } from '../platform-sync.ts';
import type { RowLookups } from '../row-lookups.ts';
import { newIdempotencyKey } from '../trusted.ts';

/** Bulk Host Sync's work (features/bulk-host-sync.tsx), from the first bulk panel the user opened. */
export function bulkHostSync(signal: AbortSignal, ctx: FeatureContext<'users-list'>, lookups: RowLookups) {
  const adapter = ctx.adapters.usersList;
  const sync = makeSignal<BulkSync | null>(null);

  observe(adapter.selectors.bulkToolbar, (toolbars) => {
    for (const t of toolbars) mountUi(adapter.progressAnchor(t), <BulkProgress sync={sync} />, { signal, feature: 'bulk-host-sync' });
  }, { signal, name: 'bulk-host-sync-progress' });

  /**
   * The platform's records of the selected users, read from the platform's API while the panel is open
   * (before Apply): what a host bulk action must have changed to be synced.
   */
  const baselines = new Map<string, HostRecord>();
  const readRecord = (id: string) => ctx.backend.request('host.record', { hostUserId: id }).catch((): HostRecord | null => null);
  const snapshot = async (ids: string[]) => {
    for (const id of ids) {
      if (signal.aborted) return;
      const record = baselines.has(id) ? null : await readRecord(id);
      if (record) baselines.set(id, record);
    }
  };
  observe(adapter.selectors.bulkPanel, (panels) => {
    for (const panel of panels) {
      panel.addEventListener('change', () => void snapshot(adapter.selectedIds()), { signal });
      void snapshot(adapter.selectedIds());
    }
  }, { signal, name: 'bulk-host-sync-baselines' });

  /**
   * After the host says it applied a bulk action, each selected user's record is read again from the
   * platform; the users whose record really changed go to Seatwise as host changes in one request. The
   * panel, the ticked rows and the flash are the page's and may be forged; a change the platform did not
   * make is never synced. A failed request is a failure, said as one: nobody was refused.
   */
  const syncConfirmed = async (ids: string[]) => {
    const outcome = await hostSaveOutcome(adapter.selectors, { signal });
    if (outcome !== 'saved') return;
    const state: BulkSync = { status: 'checking', total: ids.length, checked: 0, applied: 0, unchanged: 0 };
    sync.value = { ...state };
    const changed: HostUserSync[] = [];
    for (const id of ids) {
      if (signal.aborted) return;
      const [before, after] = [baselines.get(id), await readRecord(id)];
      if (before && after && recordChanged(before, after)) {
        baselines.set(id, after);
        changed.push(toHostUserSync(after, lookups.known([id])[0]?.user?.orgIds ?? []));
      } else state.unchanged++;
      state.checked++;
      sync.value = { ...state };
    }
    if (!changed.length) return void (sync.value = { ...state, status: 'done' });
    sync.value = { ...state, status: 'syncing', applied: changed.length };
    try {
      const outcome = await ctx.backend.request('users.syncMany', { users: changed, idempotencyKey: newIdempotencyKey() });
      sync.value = { ...state, status: 'queued' in outcome ? 'queued' : 'done', applied: changed.length };
    } catch (error) {
      const failure = toFailure(error);
      const message = outcomeUnknown(failure) ? `no answer came back, so it is not known whether Seatwise was updated (${failure.message})` : failure.message;
      sync.value = { ...state, status: 'failed', message };
    }
  };

  let letThrough = false;
  document.addEventListener('submit', (event) => {
    const panel = event.target;
    if (!(panel instanceof HTMLFormElement) || !panel.matches(adapter.selectors.bulkPanel)) return;
    const ids = adapter.selectedIds();
    if (letThrough || ids.every((id) => baselines.has(id))) {
      letThrough = false;
      return void syncConfirmed(ids);
    }
    // The records before the action must be in hand first, or its changes could not be told apart: hold the Apply until they are.
    event.preventDefault();
    event.stopImmediatePropagation();
    const again = resubmit(event);
    void snapshot(ids).finally(() => {
      letThrough = true;
      again();
    });
  }, { capture: true, signal });
}
