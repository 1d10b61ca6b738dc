import { licensesAdapter } from '../../adapters/licenses.ts';
import type { PageBundle } from '../feature.ts';
import licensesAlerts from '../features/licenses-alerts.tsx';
import licensesLiveNumbers from '../features/licenses-live-numbers.tsx';

/** The Licenses dashboard's overlay: its adapter and features, and nothing of the other pages. */
export default {
  page: 'licenses',
  adapters: (overrides) => ({ licenses: licensesAdapter(overrides) }),
  features: [licensesAlerts, licensesLiveNumbers],
} satisfies PageBundle<'licenses'>;
