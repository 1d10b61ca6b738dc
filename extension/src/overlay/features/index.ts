import type { PageKind } from '../../adapters/index.ts';
import editUser from '../bundles/edit-user.ts';
import licenseClaims from '../bundles/license-claims.ts';
import licenses from '../bundles/licenses.ts';
import usersList from '../bundles/users-list.ts';
import type { Feature, PageBundle } from '../feature.ts';

/**
 * The bundle of each page kind: its own module (bundles/), built into its own
 * script that the overlay loads only on that page (overlay/loader.ts), with
 * that page's adapter and features: a page carries no other page's code. A
 * new feature goes into the bundle of the page it runs on.
 */
export const BUNDLES: { [P in PageKind]: PageBundle<P> } = { 'users-list': usersList, 'edit-user': editUser, licenses, 'license-claims': licenseClaims };

/** Every overlay feature. The meta-test checks each file here is listed, documented, in its page's bundle and has a page snapshot. */
export const FEATURES: readonly Feature[] = Object.values(BUNDLES).flatMap((bundle): readonly Feature[] => bundle.features);
