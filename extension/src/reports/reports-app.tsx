import { useEffect } from 'preact/hooks';
import { PageHead } from '../ui/page-head.tsx';
import { AuditPanel } from './audit-panel.tsx';
import { ClaimsPanel } from './claims-panel.tsx';
import { CompliancePanel } from './compliance-panel.tsx';
import { HistoryPanel } from './history-panel.tsx';
import { InactivePanel } from './inactive-panel.tsx';
import { UsagePanel } from './usage-panel.tsx';
import { TAB_LABELS, TABS, type ReportsPageState, type Tab } from './reports-state.ts';

function tabFromHash(): Tab {
  const h = location.hash.slice(1);
  return (TABS as readonly string[]).includes(h) ? (h as Tab) : 'claims';
}

export function ReportsApp({ state }: { state: ReportsPageState }) {
  useEffect(() => state.start(tabFromHash()), [state]);
  const { tab, reports } = state;
  const me = state.session.value?.me;
  const select = (t: Tab) => {
    state.select(t);
    history.replaceState(null, '', `#${t}`);
  };
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab.value);
    const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i - 1 + TABS.length) % TABS.length] : null;
    if (!next) return;
    e.preventDefault();
    select(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <div class="reports">
      <PageHead title="Seatwise reports" session={state.session.value}>
        {me?.canChange && <a class="head-link" href="/import.html">Import</a>}
        {me?.canChange && <a class="head-link" href="/admin.html">Administration</a>}
      </PageHead>
      <nav class="tabs" role="tablist" aria-label="Reports" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button key={t} id={`tab-${t}`} role="tab" type="button" class="tab" aria-selected={tab.value === t} aria-controls={`panel-${t}`} tabIndex={tab.value === t ? 0 : -1} onClick={() => select(t)}>
            {TAB_LABELS[t]}
          </button>
        ))}
      </nav>
      <main id={`panel-${tab.value}`} role="tabpanel" aria-labelledby={`tab-${tab.value}`} class="tab-panel">
        {tab.value === 'claims' && <ClaimsPanel state={reports.claims} />}
        {tab.value === 'usage' && <UsagePanel state={reports.usage} />}
        {tab.value === 'inactive' && <InactivePanel state={reports.inactive} />}
        {tab.value === 'compliance' && <CompliancePanel state={reports.compliance} scheduled={state.canSeeScheduled.value ? state.scheduled : null} />}
        {tab.value === 'history' && <HistoryPanel state={reports.history} />}
        {tab.value === 'audit' && <AuditPanel state={reports.audit} />}
      </main>
    </div>
  );
}
