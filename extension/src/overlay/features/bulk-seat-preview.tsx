import { defineFeature } from '../feature.ts';
import { firstOf } from '../observe.ts';
import { loadPart } from '../parts.ts';
import { pageRowLookups } from '../row-lookups.ts';

/**
 * Users list → Bulk Actions: while an add/remove-role panel is open, the seat
 * effect of the change on the ticked users (server previews, summed per
 * pool), so the admin sees who would wait or be refused before Apply.
 */
export default defineFeature({
  id: 'bulk-seat-preview',
  description: 'Seat effect of a bulk role change on the ticked users, before it runs.',
  pages: ['users-list'],
  // Its code loads once the admin opens a bulk panel (parts/bulk-seat-preview.tsx).
  init: (signal, ctx) =>
    firstOf(ctx.adapters.usersList.selectors.bulkPanel, { signal, name: 'bulk-seat-preview-opened' }).then(async (panel) => {
      if (panel) (await loadPart(ctx.backend, 'users-bulk')).bulkSeatPreview(signal, ctx, pageRowLookups(ctx));
    }),
});
