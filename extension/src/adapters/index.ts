import type { EditUserAdapter } from './edit-user.ts';
import type { LicenseClaimsAdapter } from './license-claims.ts';
import type { LicensesAdapter } from './licenses.ts';
import type { PageKind } from './shell.ts';
import type { UsersListAdapter } from './users-list.ts';

/**
 * The site adapter of each page kind, by the name its features read it
 * under (`ctx.adapters.usersList`). A page's bundle builds only its own
 * (overlay/bundles/): no page carries the other pages' selectors.
 */
export interface AdaptersByPage {
  'users-list': { usersList: UsersListAdapter };
  'edit-user': { editUser: EditUserAdapter };
  licenses: { licenses: LicensesAdapter };
  'license-claims': { licenseClaims: LicenseClaimsAdapter };
}
/** The adapters a feature of page kind P is given (of a feature on several kinds: the adapters of the one on screen). */
export type Adapters<P extends PageKind = PageKind> = AdaptersByPage[P];
export { currentPageKind, pageKindElement, type PageKind } from './shell.ts';
export type { MountPoint } from './selectors.ts';
