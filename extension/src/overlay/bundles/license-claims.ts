import { licenseClaimsAdapter } from '../../adapters/license-claims.ts';
import type { PageBundle } from '../feature.ts';
import licenseClaimsLive from '../features/license-claims-live.tsx';

/** The License Claims page's overlay: its adapter and features, and nothing of the other pages. */
export default {
  page: 'license-claims',
  adapters: (overrides) => ({ licenseClaims: licenseClaimsAdapter(overrides) }),
  features: [licenseClaimsLive],
} satisfies PageBundle<'license-claims'>;
