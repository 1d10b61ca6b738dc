import type { Backend } from '../messaging/client.ts';
import { createLookupState } from '../popup/lookup-state.ts';
import { createReportState } from './report-state.ts';

/**
 * One user's history: found by email (the popup's look-up), then their
 * assignments, roles and refusals over time from the history report.
 */
export function createHistoryState(backend: Backend) {
  const lookup = createLookupState(backend);
  const report = createReportState(backend, 'history', { limit: '100' });

  async function find() {
    await lookup.submit();
    const user = lookup.detail.value?.user;
    if (lookup.status.value === 'found' && user) report.setFilter('userId', user.id);
  }

  return {
    ...report,
    lookup,
    find,
    /** Nothing to load until a user is chosen. */
    load: (options?: { quiet?: boolean }) => (report.query.value.userId ? report.load(options) : Promise.resolve()),
  };
}
export type HistoryState = ReturnType<typeof createHistoryState>;
