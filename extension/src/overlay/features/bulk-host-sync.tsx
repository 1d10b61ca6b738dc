import { defineFeature } from '../feature.ts';
import { firstOf } from '../observe.ts';
import { loadPart } from '../parts.ts';
import { pageRowLookups } from '../row-lookups.ts';
import { holdSubmitsUntilLoaded } from '../held-submit.ts';

/**
 * Users list → Bulk Actions (add or remove a role, change organizations): once
 * the host says it applied the action, the users whose record the platform
 * really changed are synced to Seatwise in one request (all or nothing, never
 * refused: the host already made the change), with progress below the toolbar.
 */
export default defineFeature({
  id: 'bulk-host-sync',
  description: 'Syncs a host bulk action to Seatwise in one request once the platform applied it, with its progress.',
  pages: ['users-list'],
  init(signal, ctx) {
    const panels = ctx.adapters.usersList.selectors.bulkPanel;
    // Its code loads once the admin opens a bulk panel (parts/bulk-host-sync.tsx), and from then on it watches every Apply;
    // an Apply pressed before it has arrived waits for it (then the part holds it until the records are read).
    const start = holdSubmitsUntilLoaded(
      () => loadPart(ctx.backend, 'users-bulk').then((part) => part.bulkHostSync(signal, ctx, pageRowLookups(ctx))),
      (target) => target instanceof HTMLFormElement && target.matches(panels),
      signal,
      () => undefined,
    );
    return firstOf(panels, { signal, name: 'bulk-host-sync-opened' }).then(async (panel) => {
      if (panel) await start();
    });
  },
});
