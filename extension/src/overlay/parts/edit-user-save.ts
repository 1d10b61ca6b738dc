import { orgMovePreview } from './edit-user-org-preview.tsx';
import { watchSaves } from './host-save-watch.tsx';
import { roleSwitch } from './role-switch.tsx';
import noticesCss from '../styles/notices.css?inline';

/** Edit User's code for what the admin changes and saves, loaded when first needed (parts.ts): the role switches' presses, the move preview, each Save's check, notices and sync. */
export default { styles: noticesCss, orgMovePreview, watchSaves, roleSwitch };
