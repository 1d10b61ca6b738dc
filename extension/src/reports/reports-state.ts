import { computed, signal } from '@preact/signals';
import type { Backend } from '../messaging/client.ts';
import type { Push, SessionInfo } from '../messaging/protocol.ts';
import { createAuditState } from './audit-state.ts';
import { createHistoryState } from './history-state.ts';
import { createReportState } from './report-state.ts';
import { createScheduledReportsState } from './scheduled-reports-state.ts';

export const TABS = ['claims', 'usage', 'inactive', 'compliance', 'history', 'audit'] as const;
export type Tab = (typeof TABS)[number];
export const TAB_LABELS: Record<Tab, string> = { claims: 'License claims', usage: 'Usage over time', inactive: 'Inactive assignments', compliance: 'Compliance', history: 'User history', audit: 'Audit log' };

/** The reports page: one state per report, the selected tab, live refresh of the one shown. */
export function createReportsPageState(backend: Backend, { inactivityDays = 30 } = {}) {
  const session = signal<SessionInfo | null>(null);
  const tab = signal<Tab>('claims');
  const reports = {
    claims: createReportState(backend, 'claims', { limit: '100' }),
    usage: createReportState(backend, 'usage'),
    inactive: createReportState(backend, 'inactive', { days: String(inactivityDays), limit: '100' }),
    compliance: createReportState(backend, 'compliance'),
    history: createHistoryState(backend),
    audit: createAuditState(backend),
  };
  /** District-wide stored reports: system administrators only (the server refuses anyone else). */
  const scheduled = createScheduledReportsState(backend);
  const canSeeScheduled = computed(() => session.value?.me?.authority === 'system_admin');
  const loaded = new Set<Tab>();

  function loadTab(t: Tab, quiet = false) {
    loaded.add(t);
    if (t === 'compliance' && canSeeScheduled.value) void scheduled.load();
    return reports[t].load({ quiet });
  }

  function select(t: Tab) {
    tab.value = t;
    if (!loaded.has(t)) void loadTab(t);
  }

  function onPush(push: Push) {
    if (push.type === 'connection' && session.value) session.value = { ...session.value, state: push.state };
    if (push.type === 'changed') void loadTab(tab.value, true);
  }

  function start(initial: Tab = 'claims'): () => void {
    const unsubscribe = backend.subscribe(onPush);
    void backend.request('session.get', {}).then((s) => {
      session.value = s;
      // Who may see the stored reports is known only now.
      if (loaded.has('compliance') && canSeeScheduled.value) void scheduled.load();
    }, () => undefined);
    select(initial);
    return unsubscribe;
  }

  return { session, tab, reports, scheduled, canSeeScheduled, select, onPush, start };
}
export type ReportsPageState = ReturnType<typeof createReportsPageState>;
