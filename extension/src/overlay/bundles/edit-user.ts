import type { Feature } from '../feature.ts';
import editUserDrift from '../features/edit-user-drift.tsx';
import editUserLicensePanel from '../features/edit-user-license-panel.tsx';
import editUserOrgPreview from '../features/edit-user-org-preview.tsx';
import hostSaveWatcher from '../features/host-save-watcher.tsx';
import roleToggles from '../features/role-toggles.tsx';

/** The Edit User page's features: its bundle carries these and nothing of the other pages. */
export default [editUserLicensePanel, editUserDrift, editUserOrgPreview, roleToggles, hostSaveWatcher] satisfies readonly Feature[];
