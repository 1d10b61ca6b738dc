import type { PartName } from './part-names.ts';
import type editUserSave from './parts/edit-user-save.ts';
import type usersBulk from './parts/users-bulk.ts';

/** What each lazy part hands over once it has run (its module's default export): its code, and the sheets of its UI. */
export interface Parts {
  'users-bulk': typeof usersBulk;
  'edit-user-save': typeof editUserSave;
}

/** Where a part leaves itself: the same isolated world as the page bundle, which the page's scripts cannot see. */
const PARTS_KEY = Symbol.for('seatwise.overlay-parts');
export const registry = (): Partial<Parts> => ((globalThis as Record<symbol, Partial<Parts>>)[PARTS_KEY] ??= {});

/** Called by a part's script when it runs (entrypoints/overlay-part-<name>.ts). */
export function registerPart<N extends PartName>(name: N, part: Parts[N]) {
  registry()[name] = part;
}
