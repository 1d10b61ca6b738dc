import part from '../src/overlay/parts/users-bulk.ts';
import { registerPart } from '../src/overlay/part-registry.ts';

/** A lazy part of the Users list's overlay (overlay/parts.ts): run in the page's frame when the admin first opens a bulk panel. */
export default defineUnlistedScript(() => registerPart('users-bulk', part));
