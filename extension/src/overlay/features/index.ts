import type { Feature } from '../feature.ts';
import bulkHostSync from './bulk-host-sync.tsx';
import bulkSeatPreview from './bulk-seat-preview.tsx';
import editUserDrift from './edit-user-drift.tsx';
import editUserLicensePanel from './edit-user-license-panel.tsx';
import editUserOrgPreview from './edit-user-org-preview.tsx';
import hostSaveWatcher from './host-save-watcher.tsx';
import licenseClaimsLive from './license-claims-live.tsx';
import licensesAlerts from './licenses-alerts.tsx';
import licensesLiveNumbers from './licenses-live-numbers.tsx';
import roleToggles from './role-toggles.tsx';
import unknownUserSync from './unknown-user-sync.tsx';
import usersChips from './users-chips.tsx';
import usersCountsBar from './users-counts-bar.tsx';
import usersDrift from './users-drift.tsx';

/** Every overlay feature. The meta-test checks each file here is listed, documented and has a page snapshot. */
export const FEATURES: readonly Feature[] = [
  usersCountsBar,
  usersChips,
  unknownUserSync,
  usersDrift,
  bulkSeatPreview,
  bulkHostSync,
  editUserLicensePanel,
  editUserDrift,
  editUserOrgPreview,
  roleToggles,
  hostSaveWatcher,
  licensesAlerts,
  licensesLiveNumbers,
  licenseClaimsLive,
];
