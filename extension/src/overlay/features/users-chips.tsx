import { effect } from '@preact/signals';
import { ChipGroup } from '../components.tsx';
import { defineFeature } from '../feature.ts';
import { createMountSet, mountUi } from '../mount.tsx';
import { observe } from '../observe.ts';
import { pageRowLookups } from '../row-lookups.ts';

/**
 * Users list: a chip group in every user row. The rows of one render are
 * looked up together; each row's chips follow its own answer, so live changes
 * repaint only the rows that changed. The host re-creates rows on filter and
 * paging; the old chip groups go with the old rows, the new rows get one each.
 */
export default defineFeature({
  id: 'users-chips',
  description: 'License chips (eLearn, weCLIMB, Combined, No license, Waiting, Suspended, Inactive N days) in every user row.',
  pages: ['users-list'],
  init(signal, ctx) {
    const adapter = ctx.adapters.usersList;
    const lookups = pageRowLookups(ctx);
    const mounts = createMountSet();
    observe(
      adapter.selectors.rows,
      (elements) => {
        mounts.sweep();
        const rows = elements.flatMap((el) => adapter.readRow(el) ?? []);
        // Ask before mounting: the lookup travels while thousands of chip groups mount.
        lookups.want(rows);
        for (const row of rows) {
          const result = lookups.result(row.hostUserId);
          const mounted = mounts.add(mountUi(row.anchor, <ChipGroup email={row.email} result={result} inactivityDays={ctx.inactivityDays} failed={lookups.failure} outside={!ctx.inScope(row.orgIds)} />, { signal, feature: 'users-chips' }));
          // Marks painted rows, so tests and the benchmark can tell when every chip is in.
          const stop = effect(() => void (result.value ? mounted.host.setAttribute('data-ready', '') : mounted.host.removeAttribute('data-ready')));
          signal.addEventListener('abort', stop, { once: true });
        }
      },
      { signal, name: 'users-chips' },
    );
  },
});
