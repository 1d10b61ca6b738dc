import { orgMovePreview } from './edit-user-org-preview.tsx';
import { hostSaveNotices } from './host-save-notices.tsx';

/** Edit User's code for what the admin changes and saves, loaded when first needed (parts.ts): the move preview, the Save's notices and sync. */
export default { orgMovePreview, hostSaveNotices };
