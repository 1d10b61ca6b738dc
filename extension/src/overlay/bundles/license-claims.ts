import type { Feature } from '../feature.ts';
import licenseClaimsLive from '../features/license-claims-live.tsx';

/** The License Claims page's features: its bundle carries these and nothing of the other pages. */
export default [licenseClaimsLive] satisfies readonly Feature[];
