import type { Feature } from '../feature.ts';
import licensesAlerts from '../features/licenses-alerts.tsx';
import licensesLiveNumbers from '../features/licenses-live-numbers.tsx';

/** The Licenses dashboard's features: its bundle carries these and nothing of the other pages. */
export default [licensesAlerts, licensesLiveNumbers] satisfies readonly Feature[];
