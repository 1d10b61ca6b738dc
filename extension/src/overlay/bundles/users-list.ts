import { usersListAdapter } from '../../adapters/users-list.ts';
import type { PageBundle } from '../feature.ts';
import baseCss from '../styles/base.css?inline';
import barsCss from '../styles/bars.css?inline';
import bulkHostSync from '../features/bulk-host-sync.tsx';
import bulkSeatPreview from '../features/bulk-seat-preview.tsx';
import unknownUserSync from '../features/unknown-user-sync.tsx';
import usersChips from '../features/users-chips.tsx';
import usersCountsBar from '../features/users-counts-bar.tsx';
import usersDrift from '../features/users-drift.tsx';

/** The Users list's overlay: its adapter and features, and nothing of the other pages. */
export default {
  page: 'users-list',
  adapters: (overrides) => ({ usersList: usersListAdapter(overrides) }),
  features: [usersCountsBar, usersChips, unknownUserSync, usersDrift, bulkSeatPreview, bulkHostSync],
  styles: baseCss + barsCss,
} satisfies PageBundle<'users-list'>;
