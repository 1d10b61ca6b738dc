import { editUserAdapter } from '../../adapters/edit-user.ts';
import type { PageBundle } from '../feature.ts';
import baseCss from '../styles/base.css?inline';
import panelCss from '../styles/panel.css?inline';
import roletoolsCss from '../styles/role-tools.css?inline';
import editUserDrift from '../features/edit-user-drift.tsx';
import editUserLicensePanel from '../features/edit-user-license-panel.tsx';
import editUserOrgPreview from '../features/edit-user-org-preview.tsx';
import hostSaveWatcher from '../features/host-save-watcher.tsx';
import roleToggles from '../features/role-toggles.tsx';

/** The Edit User page's overlay: its adapter and features, and nothing of the other pages. */
export default {
  page: 'edit-user',
  adapters: (overrides) => ({ editUser: editUserAdapter(overrides) }),
  features: [editUserLicensePanel, editUserDrift, editUserOrgPreview, roleToggles, hostSaveWatcher],
  styles: baseCss + panelCss + roletoolsCss,
} satisfies PageBundle<'edit-user'>;
