import part from '../src/overlay/parts/edit-user-save.ts';
import { registerPart } from '../src/overlay/part-registry.ts';

/** A lazy part of the Edit User overlay (overlay/parts.ts): run in the page's frame when the admin first presses a role switch, picks other organizations or presses Save. */
export default defineUnlistedScript(() => registerPart('edit-user-save', part));
