import type { Feature } from '../feature.ts';
import bulkHostSync from '../features/bulk-host-sync.tsx';
import bulkSeatPreview from '../features/bulk-seat-preview.tsx';
import unknownUserSync from '../features/unknown-user-sync.tsx';
import usersChips from '../features/users-chips.tsx';
import usersCountsBar from '../features/users-counts-bar.tsx';
import usersDrift from '../features/users-drift.tsx';

/** The Users list's features: its bundle carries these and nothing of the other pages. */
export default [usersCountsBar, usersChips, unknownUserSync, usersDrift, bulkSeatPreview, bulkHostSync] satisfies readonly Feature[];
