import { defineFeature } from '../feature.ts';
import { firstOf } from '../observe.ts';
import { loadPart } from '../parts.ts';
import { pageRowLookups } from '../row-lookups.ts';
import { resubmit } from '../held-submit.ts';

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
    // Its code loads once the admin opens a bulk panel (parts/bulk-host-sync.tsx), and from then on it watches every Apply.
    let started: Promise<void> | null = null;
    let settled = false;
    const start = () =>
      (started ??= loadPart(ctx.backend, 'users-bulk')
        .then((part) => part.bulkHostSync(signal, ctx, pageRowLookups(ctx)))
        .finally(() => (settled = true)));
    // An Apply pressed before the code has arrived waits for it (then the part holds it until the records are read).
    // Had it failed to arrive, the Apply goes through: the host's action is never blocked by Seatwise.
    document.addEventListener('submit', (event) => {
      if (settled || !(event.target instanceof HTMLFormElement) || !event.target.matches(panels)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const again = resubmit(event);
      void start().catch(() => undefined).then(again);
    }, { capture: true, signal });
    return firstOf(panels, { signal, name: 'bulk-host-sync-opened' }).then(async (panel) => {
      if (panel) await start();
    });
  },
});
