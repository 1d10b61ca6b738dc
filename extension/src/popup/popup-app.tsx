import { browser } from '#imports';
import { useEffect } from 'preact/hooks';
import { Empty, FailureNotice, Section, Spinner } from '../ui/components.tsx';
import { ConnectionPill } from '../ui/connection-pill.tsx';
import { formatAgo, plural } from '../ui/format.ts';
import { AlertsList } from './alerts-list.tsx';
import { LookupBox } from './lookup-box.tsx';
import type { PopupState } from './popup-state.ts';
import { SkuCards } from './sku-cards.tsx';
import { Stats } from './stats.tsx';

const openOptions = () => void browser.runtime.openOptionsPage();
const reportsUrl = browser.runtime.getURL('/reports.html');
const importUrl = browser.runtime.getURL('/import.html');
const adminUrl = browser.runtime.getURL('/admin.html');

function SignedOut() {
  return (
    <div class="signed-out card">
      <h2>Sign in to Seatwise</h2>
      <p class="muted">Connect to your Seatwise server with an API token to see license usage, alerts and users.</p>
      <button type="button" class="btn btn-primary" onClick={openOptions}>Open options to sign in</button>
    </div>
  );
}

export function PopupApp({ state }: { state: PopupState }) {
  useEffect(() => state.start(), [state]);
  const { session, dashboard, failure, status } = state;
  const me = session.value?.me;
  return (
    <div class="popup">
      <header class="popup-head">
        <img src="/icon/32.png" width={20} height={20} alt="" />
        <h1 class="brand">Seatwise</h1>
        <ConnectionPill state={session.value?.state ?? null} />
        <span class="spacer" />
        <a class="head-link" href={reportsUrl} target="_blank" rel="noopener">Reports</a>
        {me?.canChange && <a class="head-link" href={importUrl} target="_blank" rel="noopener">Import</a>}
        {me?.canChange && <a class="head-link" href={adminUrl} target="_blank" rel="noopener">Administration</a>}
        <button type="button" class="btn btn-small" onClick={openOptions} aria-label="Options">Options</button>
      </header>
      {session.value && !state.signedIn.value ? (
        <SignedOut />
      ) : (
        <main class="popup-body">
          {failure.value && (
            <FailureNotice failure={failure.value} action={failure.value.kind === 'revoked' || failure.value.kind === 'not_signed_in' ? <button type="button" class="btn btn-small" onClick={openOptions}>Open options</button> : undefined} />
          )}
          {state.outboxWaiting.value > 0 && (
            <p class="outbox-line" role="status" data-outbox={state.outboxWaiting.value} title="Saved on the platform; sent to Seatwise as soon as it can be reached, in order, exactly once.">
              {`${plural(state.outboxWaiting.value, 'platform change')} waiting to reach Seatwise`}
            </p>
          )}
          {me && <p class="muted small scope">{`${me.user?.email ?? ''} · ${me.scope.all ? 'all organizations' : plural(me.scope.orgs.length, 'organization')}`}</p>}
          <Section title="Licenses" id="licenses" aside={dashboard.value && <span class="muted small" title={new Date(dashboard.value.fetchedAt).toLocaleString()}>{`Updated ${formatAgo(dashboard.value.fetchedAt)}`}</span>}>
            {state.loading.value ? (
              <div class="loading-block"><Spinner label="Loading license numbers" /> <span class="muted">Loading license numbers…</span></div>
            ) : dashboard.value ? (
              <SkuCards products={state.products.value} />
            ) : (
              <Empty>License numbers appear once Seatwise can be reached.</Empty>
            )}
          </Section>
          {dashboard.value && <Stats dashboard={dashboard.value.data} />}
          <Section title="Alerts" id="alerts" aside={state.openAlerts.value.length > 0 && <span class="count num">{state.openAlerts.value.length}</span>}>
            {state.alerts.value ? <AlertsList alerts={state.visibleAlerts.value} canAcknowledge={state.canAcknowledge.value} busy={state.acknowledging.value} onAcknowledge={(id) => void state.acknowledge(id)} /> : status.value === 'online' ? <Spinner label="Loading alerts" /> : <Empty>Alerts appear once connected.</Empty>}
          </Section>
          {state.openAlerts.value.length > state.visibleAlerts.value.length && (
            <button type="button" class="btn btn-link more" onClick={() => (state.showAllAlerts.value = true)}>{`Show all ${state.openAlerts.value.length} alerts`}</button>
          )}
          {state.recommendations.value && state.recommendations.value.length > 0 && (
            <Section title="Recommendations" id="recommendations">
              <ul class="recs">
                {state.recommendations.value.map((r, i) => <li key={i} class={`rec rec-${r.severity}`}>{r.message}</li>)}
              </ul>
            </Section>
          )}
          <Section title="Look up a user" id="lookup">
            <LookupBox state={state.lookup} />
          </Section>
          <footer class="popup-foot">
            <a href={reportsUrl} target="_blank" rel="noopener">Open full reports →</a>
          </footer>
        </main>
      )}
    </div>
  );
}
