import { effect } from '@preact/signals';
import type { UserRow } from '../../adapters/users-list.ts';
import { paintChipGroup } from '../chip-group.ts';
import { defineFeature } from '../feature.ts';
import { pageRows } from '../page-rows.ts';
import { createRowLayer } from '../row-layer.ts';
import { pageRowLookups } from '../row-lookups.ts';

const FAILED = Symbol('failed');
const LOADING = Symbol('loading');

/**
 * Users list: a chip group in every user row. The rows of one render are
 * looked up together (pageRows) and drawn by one row layer in short slices;
 * after each answer only the rows whose answer changed are redrawn. The host re-creates
 * rows on filter and paging; the old chip groups go with the old rows, the
 * new rows get one each.
 */
export default defineFeature({
  id: 'users-chips',
  description: 'License chips (eLearn, weCLIMB, Combined, No license, Waiting, Suspended, Inactive N days) in every user row.',
  pages: ['users-list'],
  init(signal, ctx) {
    const lookups = pageRowLookups(ctx);
    const layer = createRowLayer<UserRow>({
      signal,
      feature: 'users-chips',
      // Unchanged answers keep their object (row-lookups), so only changed rows are redrawn.
      stamp: (row) => lookups.result(row.hostUserId).peek() ?? (lookups.failure.peek() ? FAILED : LOADING),
      paint(root, row) {
        const result = lookups.result(row.hostUserId).peek();
        const group = (root.firstElementChild as HTMLElement | null) ?? root.appendChild(document.createElement('div'));
        paintChipGroup(group, { email: row.email, result, inactivityDays: ctx.inactivityDays, failed: !!lookups.failure.peek(), outside: !ctx.inScope(row.orgIds) });
        // data-ready on painted rows: tests and the benchmark tell by it when every chip is in.
        // Three chips fit the email column's line at the widths admins use; more take a second line.
        return { ready: !!result, oneLine: group.childElementCount <= 3 };
      },
    });
    pageRows(ctx).subscribe({
      // Each row's slot goes in with the host's own rows (the lookup has left already); its chips once the row is read.
      found: (rows) => layer.reserve(rows.map((r) => ({ row: r.rowElement, point: r.anchor }))),
      read: (rows) => layer.draw(rows.map((row) => ({ element: row.rowElement, point: row.anchor, row }))),
    });
    // One subscription for every row: each answer (or failure) re-stamps the rows.
    const stop = effect(() => {
      void lookups.version.value;
      void lookups.failure.value;
      layer.refresh();
    });
    signal.addEventListener('abort', stop, { once: true });
  },
});
