import { paintChipGroup } from '../chip-group.ts';
import { defineFeature } from '../feature.ts';
import { pageRowLayer } from '../page-rows.ts';
import { pageRowLookups } from '../row-lookups.ts';

const FAILED = Symbol('failed');
const LOADING = Symbol('loading');
const QUIET = Symbol('quiet');

/**
 * Users list: a chip group in every user row. The rows of one render are
 * looked up together and drawn by the page's row layer in short slices;
 * after each answer only the rows whose answer changed are redrawn. The host re-creates
 * rows on filter and paging; the old chip groups go with the old rows, the
 * new rows get one each.
 */
export default defineFeature({
  id: 'users-chips',
  description: 'License chips (eLearn, weCLIMB, Combined, No license, Waiting, Suspended, Inactive N days) in every user row.',
  pages: ['users-list'],
  init(_signal, ctx) {
    const lookups = pageRowLookups(ctx);
    pageRowLayer(ctx).part({
      feature: 'users-chips',
      // Unchanged answers keep their object (row-lookups), so only changed rows are redrawn. A row waits quietly for
      // its answer (its slot keeps its place), and says it is checking only once the answer is slow.
      stamp: (row) => lookups.result(row.hostUserId).peek() ?? (lookups.failure.peek() ? FAILED : lookups.slow.peek() ? LOADING : QUIET),
      paint(row, root, now) {
        if (now === QUIET) return null;
        const at = root();
        const group = (at.firstElementChild as HTMLElement | null) ?? at.appendChild(document.createElement('div'));
        const result = typeof now === 'symbol' ? undefined : now;
        paintChipGroup(group, { email: row.email, result, inactivityDays: ctx.inactivityDays, failed: now === FAILED, outside: !ctx.inScope(row.orgIds) });
        // data-ready on painted rows: tests and the benchmark tell by it when every chip is in.
        // Three chips fit the email column's line at the widths admins use; more take a second line.
        return { ready: !!result, oneLine: group.childElementCount <= 3 };
      },
    });
  },
});
