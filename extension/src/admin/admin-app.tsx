import { browser } from '#imports';
import { useEffect } from 'preact/hooks';
import { PageHead } from '../ui/page-head.tsx';
import { authorityWords, SessionGate } from '../ui/session-gate.tsx';
import type { AdminPageState } from './admin-state.ts';

const reportsUrl = browser.runtime.getURL('/reports.html');
const importUrl = browser.runtime.getURL('/import.html');

export function AdminApp({ state }: { state: AdminPageState }) {
  useEffect(() => {
    const stop = state.start(location.hash.slice(1) || null);
    return () => void stop.then((f) => f());
  }, [state]);
  return (
    <div class="reports admin">
      <PageHead title="Seatwise administration" session={state.session.value}>
        <a class="head-link" href={reportsUrl}>Reports</a>
        {state.allowed.value && <a class="head-link" href={importUrl}>Import</a>}
      </PageHead>
      <SessionGate
        session={state.session.value}
        failure={state.failure.value}
        allowed={state.allowed.value}
        signInFor="administer licenses"
        denied={(me) => ({ title: 'Administration is for administrators', body: `System administrators manage pools, organizations, rules, tokens and alerts; organization administrators manage their own organizations. Your token is ${authorityWords(me.authority)}'s.` })}
      >
        <Tabs state={state} />
      </SessionGate>
    </div>
  );
}

function Tabs({ state }: { state: AdminPageState }) {
  const tabs = state.tabs.value;
  const current = state.tab.value;
  if (!current) return <p class="empty">Nothing to administer with this token.</p>;
  const select = (id: string) => {
    state.select(id);
    history.replaceState(null, '', `#${id}`);
  };
  const onKey = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === current.id);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = tabs[(i + step + tabs.length) % tabs.length]!;
    select(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  const { Panel } = current;
  return (
    <>
      <nav class="tabs" role="tablist" aria-label="Administration" onKeyDown={onKey}>
        {tabs.map((t) => (
          <button key={t.id} id={`tab-${t.id}`} role="tab" type="button" class="tab" aria-selected={t.id === current.id} aria-controls={`panel-${t.id}`} tabIndex={t.id === current.id ? 0 : -1} onClick={() => select(t.id)}>
            {t.label}
          </button>
        ))}
      </nav>
      <main id={`panel-${current.id}`} role="tabpanel" aria-labelledby={`tab-${current.id}`} class="tab-panel">
        <Panel key={current.id} page={state} />
      </main>
    </>
  );
}
