import type { AdapterOverrides } from './overrides-schema.ts';
import { editUserAdapter } from './edit-user.ts';
import { licenseClaimsAdapter } from './license-claims.ts';
import { licensesAdapter } from './licenses.ts';
import { usersListAdapter } from './users-list.ts';

/** Every site adapter, built once per page with the admin's overrides. */
export function createAdapters(overrides?: AdapterOverrides | null) {
  return {
    usersList: usersListAdapter(overrides),
    editUser: editUserAdapter(overrides),
    licenses: licensesAdapter(overrides),
    licenseClaims: licenseClaimsAdapter(overrides),
  };
}
export type Adapters = ReturnType<typeof createAdapters>;
export { currentPageKind, pageKindElement, type PageKind } from './shell.ts';
export type { MountPoint } from './selectors.ts';
