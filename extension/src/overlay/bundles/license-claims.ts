import { licenseClaimsAdapter } from '../../adapters/license-claims.ts';
import type { PageBundle } from '../feature.ts';
import baseCss from '../styles/base.css?inline';
import barsCss from '../styles/bars.css?inline';
import panelCss from '../styles/panel.css?inline';
import noticesCss from '../styles/notices.css?inline';
import dashboardCss from '../styles/dashboard.css?inline';
import licenseClaimsLive from '../features/license-claims-live.tsx';

/** The License Claims page's overlay: its adapter and features, and nothing of the other pages. */
export default {
  page: 'license-claims',
  adapters: (overrides) => ({ licenseClaims: licenseClaimsAdapter(overrides) }),
  features: [licenseClaimsLive],
  styles: baseCss + barsCss + panelCss + noticesCss + dashboardCss,
} satisfies PageBundle<'license-claims'>;
