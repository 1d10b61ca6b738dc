import { effect, signal as makeSignal } from '@preact/signals';
import { outcomeUnknown, toFailure } from '../../api/failure.ts';
import type { UserRow } from '../../adapters/users-list.ts';
import type { Backend } from '../../messaging/client.ts';
import { FailureText } from '../components.tsx';
import { defineFeature } from '../feature.ts';
import { Icon } from '../icons.tsx';
import { mountUi } from '../mount.tsx';
import { pageRows } from '../page-rows.ts';
import { pageRowLookups } from '../row-lookups.ts';
import { syncPlatformRecord } from '../platform-sync.ts';
import { onTrusted } from '../trusted.ts';

function SyncButton({ row, backend }: { row: UserRow; backend: Backend }) {
  const busy = makeSignal(false);
  const error = makeSignal<string | null>(null);
  // The admin's own click only; what is synced is the platform's record of the user, read from the platform's
  // API, not the row's cells (a page script can rewrite those, or the whole row).
  const sync = onTrusted(async () => {
    busy.value = true;
    error.value = null;
    try {
      const record = await backend.request('host.record', { hostUserId: row.hostUserId });
      if (!record) return void (error.value = `The host has no user ${row.hostUserId}; nothing was synced.`);
      // The host's record is the truth here: its roles were already saved there, so licenses may wait, never refuse.
      await syncPlatformRecord(backend, record);
    } catch (e) {
      const failure = toFailure(e);
      error.value = outcomeUnknown(failure) ? `Outcome unknown: no answer came back (${failure.message}). The row shows what Seatwise holds once it answers.` : failure.message;
    } finally {
      busy.value = false;
    }
  });
  return () => (
    <span class="chips">
      <button type="button" class="chip-action" onClick={sync} disabled={busy.value} aria-label={`Sync ${row.email} to Seatwise`}>
        <Icon name="sync" />
        {busy.value ? 'Syncing…' : 'Sync to Seatwise'}
      </button>
      {error.value && <FailureText message={error.value} />}
    </span>
  );
}

/**
 * Users list: a row whose user is on the host but not yet in Seatwise (chip
 * "Not in Seatwise") gets a one-click sync that creates the user with the
 * host's email, name, organizations and roles.
 */
export default defineFeature({
  id: 'unknown-user-sync',
  description: 'Marks host users unknown to Seatwise and syncs them with one click.',
  pages: ['users-list'],
  init(signal, ctx) {
    // Creating users is an admin's change; a reader's rows still say "Not in Seatwise" through the chips.
    if (!ctx.canChange) return;
    const lookups = pageRowLookups(ctx);
    const rows = new Map<Element, { row: UserRow; mounted: { unmount(): void } | null }>();
    // Only unknown rows get a button; it goes away once the user is known (after a sync, from any tab).
    const check = (el: Element, entry: { row: UserRow; mounted: { unmount(): void } | null }) => {
      const result = lookups.result(entry.row.hostUserId).peek();
      const unknown = result !== undefined && result.user === null;
      if (unknown && !entry.mounted && el.isConnected) {
        const Button = SyncButton({ row: entry.row, backend: ctx.backend });
        entry.mounted = mountUi(entry.row.anchor, <Button />, { signal, feature: 'unknown-user-sync' });
      } else if (!unknown && entry.mounted) {
        entry.mounted.unmount();
        entry.mounted = null;
      }
    };
    const checkAll = () => {
      for (const [el, entry] of rows) if (el.isConnected) check(el, entry);
      else rows.delete(el);
    };
    pageRows(ctx).subscribe({
      read(read) {
        // A user the platform lists outside the caller's organizations is not the caller's to sync (the chip says so).
        for (const row of read) if (ctx.inScope(row.orgIds)) rows.set(row.rowElement, { row, mounted: null });
      },
      // Buttons change the table's layout: they go in for every row at once, not a slice at a time.
      done: checkAll,
    });
    // One subscription for every row: each answer checks the rows again (rows the host threw away are forgotten).
    const stop = effect(() => {
      void lookups.version.value;
      checkAll();
    });
    signal.addEventListener('abort', stop, { once: true });
  },
});
