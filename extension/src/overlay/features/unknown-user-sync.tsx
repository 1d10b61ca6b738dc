import { signal as makeSignal } from '@preact/signals';
import { render, type JSX } from 'preact';
import { outcomeUnknown, toFailure } from '../../api/failure.ts';
import type { UserRow } from '../../adapters/users-list.ts';
import type { Backend } from '../../messaging/client.ts';
import { FailureText } from '../components.tsx';
import { defineFeature } from '../feature.ts';
import { Icon } from '../icons.tsx';
import { pageRowLayer } from '../page-rows.ts';
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
  init(_signal, ctx) {
    // Creating users is an admin's change; a reader's rows still say "Not in Seatwise" through the chips.
    if (!ctx.canChange) return;
    const lookups = pageRowLookups(ctx);
    const buttons = new WeakMap<Element, () => JSX.Element>();
    // Only unknown rows get a button, in the row's slot below its chips; it goes away once the user is known (after a sync, from any tab).
    pageRowLayer(ctx).part({
      feature: 'unknown-user-sync',
      stamp: (row) => lookups.result(row.hostUserId).peek(),
      paint(row, root, result) {
        // A user the platform lists outside the caller's organizations is not the caller's to sync (the chip says so).
        if (result?.user !== null || !ctx.inScope(row.orgIds)) return null;
        let Button = buttons.get(row.rowElement);
        if (!Button) buttons.set(row.rowElement, (Button = SyncButton({ row, backend: ctx.backend })));
        render(<Button />, root());
        return { ready: true, oneLine: false };
      },
      clear: (root) => render(null, root),
    });
  },
});
