import { licensesAdapter } from '../../adapters/licenses.ts';
import type { PageBundle } from '../feature.ts';
import baseCss from '../styles/base.css?inline';
import barsCss from '../styles/bars.css?inline';
import panelCss from '../styles/panel.css?inline';
import noticesCss from '../styles/notices.css?inline';
import dashboardCss from '../styles/dashboard.css?inline';
import licensesAlerts from '../features/licenses-alerts.tsx';
import licensesLiveNumbers from '../features/licenses-live-numbers.tsx';

/** The Licenses dashboard's overlay: its adapter and features, and nothing of the other pages. */
export default {
  page: 'licenses',
  adapters: (overrides) => ({ licenses: licensesAdapter(overrides) }),
  features: [licensesAlerts, licensesLiveNumbers],
  styles: baseCss + barsCss + panelCss + noticesCss + dashboardCss,
} satisfies PageBundle<'licenses'>;
