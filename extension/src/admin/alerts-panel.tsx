import { RENEWAL_REMINDER_DAYS } from '@seatwise/shared';
import { Empty, FailureNotice, Section, Spinner } from '../ui/components.tsx';
import { plural } from '../ui/format.ts';
import type { AdminPanelProps } from './admin-tabs.tsx';
import { usePanelState } from './use-panel-state.ts';
import { createAlertsState, testOutcome, type AlertsState } from './alerts-state.ts';

const EVERY_LABELS = { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly', off: 'Off (no scheduled report)' } as const;

export function AlertsPanel({ page }: AdminPanelProps) {
  const state = usePanelState(page, () => createAlertsState(page.backend));
  const view = state.view.value;
  if (!view) {
    if (state.failure.value) return <FailureNotice failure={state.failure.value} action={<button type="button" class="btn btn-small" onClick={() => void state.load()}>Try again</button>} />;
    return <div class="loading-block"><Spinner label="Loading alert settings" /> <span class="muted">Loading alert settings…</span></div>;
  }
  return (
    <div class="panel-body">
      {state.failure.value && <FailureNotice failure={state.failure.value} />}
      {view.editable ? <AlertsForm state={state} /> : <ThresholdsReadOnly state={state} />}
      {view.editable && <ReportForm state={state} />}
    </div>
  );
}

/** An organization administrator: the thresholds its alerts follow; the district's administrators set them. */
function ThresholdsReadOnly({ state }: { state: AlertsState }) {
  const v = state.view.value!;
  return (
    <Section title="Alert thresholds" id="alert-thresholds">
      <p class="notice notice-warn" role="note">Where alerts go, these thresholds and who gets the compliance report are set district-wide by system administrators.</p>
      <dl class="settings-list">
        <dt>Renewal reminders</dt>
        <dd>{v.renewalDays.length ? `${v.renewalDays.map((d) => plural(d, 'day')).join(', ')} before a term ends` : 'None'}</dd>
        <dt>Usage alert</dt>
        <dd>{`When ${v.usagePct}% of a pool’s seats are assigned`}</dd>
      </dl>
    </Section>
  );
}

function AlertsForm({ state }: { state: AlertsState }) {
  const v = state.view.value!;
  const hook = v.webhook!;
  const onSubmit = (e: Event) => {
    e.preventDefault();
    void state.saveAlerts();
  };
  const inForce = hook.source === 'setting' ? 'the URL saved here' : hook.source === 'environment' ? 'the server’s default (ALERT_WEBHOOK_URL), as none is saved here' : 'nowhere: no URL is saved here and the server has no default';
  return (
    <Section title="Alerts" id="alert-settings">
      <form class="admin-form" onSubmit={onSubmit}>
        <fieldset class="admin-fieldset">
          <legend>Webhook</legend>
          <label>
            Webhook URL
            <input class="input" type="url" name="webhookUrl" placeholder={hook.environmentDefault ? 'Empty: the server’s default (ALERT_WEBHOOK_URL)' : 'https://hooks.example.org/seatwise'} value={state.webhookUrl.value} onInput={(e) => (state.webhookUrl.value = e.currentTarget.value)} aria-describedby="webhook-help" />
          </label>
          <p id="webhook-help" class="muted small">{`New alerts and each scheduled compliance report are POSTed here as JSON. Alerts go now to ${inForce}. ${hook.environmentDefault ? 'Leave it empty to use the server’s default.' : ''}`}</p>
          <div class="admin-actions">
            <button type="button" class="btn" disabled={state.testing.value || hook.source === 'none' || state.unsaved()} onClick={() => void state.sendTest()}>{state.testing.value ? 'Sending test…' : 'Send test'}</button>
            <span class="muted small">{state.unsaved() ? 'Save the URL first: the test goes to the webhook in force.' : hook.source === 'none' ? 'Save a URL to send a test.' : 'Posts a test payload the way alerts are sent.'}</span>
          </div>
          <div role="status" aria-live="polite">
            {state.testResult.value && <p class={`notice notice-${state.testResult.value.delivered ? 'ok' : 'bad'}`}>{testOutcome(state.testResult.value)}</p>}
          </div>
          {state.testFailure.value && <FailureNotice failure={state.testFailure.value} />}
        </fieldset>
        <fieldset class="admin-fieldset">
          <legend>Renewal reminders (days before a pool’s term ends)</legend>
          <div class="admin-actions">
            {RENEWAL_REMINDER_DAYS.map((d) => (
              <label key={d} class="check">
                <input type="checkbox" name={`renewal-${d}`} checked={state.renewalDays.value.includes(d)} onChange={(e) => state.toggleDay(d, e.currentTarget.checked)} />
                {plural(d, 'day')}
              </label>
            ))}
          </div>
          {state.renewalDays.value.length === 0 && <p class="muted small">No reminder chosen: no renewal alerts are raised (grace and expiry alerts still are).</p>}
        </fieldset>
        <label>
          Usage alert at (% of seats assigned)
          <input class="input input-narrow" type="number" name="usagePct" min={50} max={100} step={1} required value={state.usagePct.value} onInput={(e) => (state.usagePct.value = e.currentTarget.value)} />
        </label>
        <div class="admin-actions">
          <button type="submit" class="btn btn-primary" disabled={state.alerts.saving.value}>{state.alerts.saving.value ? 'Saving…' : 'Save alert settings'}</button>
          {state.alerts.saved.value && <span class="small" role="status">Saved: alerts follow these settings from the next scan.</span>}
        </div>
        {state.alerts.failure.value && <FailureNotice failure={state.alerts.failure.value} />}
      </form>
    </Section>
  );
}

function ReportForm({ state }: { state: AlertsState }) {
  const report = state.report.value;
  const onSubmit = (e: Event) => {
    e.preventDefault();
    void state.saveReport();
  };
  return (
    <Section title="Compliance report" id="report-settings">
      {!report ? <Empty>The compliance report’s settings could not be read.</Empty> : (
        <form class="admin-form" onSubmit={onSubmit}>
          <label>
            How often
            <select class="input input-narrow" name="every" value={state.every.value} onChange={(e) => (state.every.value = e.currentTarget.value as keyof typeof EVERY_LABELS)}>
              {Object.entries(EVERY_LABELS).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
            </select>
          </label>
          <label>
            Who gets it by email <span class="muted small">(one address per line; sent when the server has SMTP_URL)</span>
            <textarea class="input" name="recipients" rows={4} value={state.recipients.value} onInput={(e) => (state.recipients.value = e.currentTarget.value)} />
          </label>
          <p class="muted small">{report.recipients.length ? `Now sent to ${plural(report.recipients.length, 'person', 'people')}.` : 'Now sent to nobody by email (stored on the reports page, and posted to the webhook).'}</p>
          <div class="admin-actions">
            <button type="submit" class="btn btn-primary" disabled={state.reportForm.saving.value}>{state.reportForm.saving.value ? 'Saving…' : 'Save report settings'}</button>
            {state.reportForm.saved.value && <span class="small" role="status">Saved.</span>}
          </div>
          {state.reportForm.failure.value && <FailureNotice failure={state.reportForm.failure.value} />}
        </form>
      )}
    </Section>
  );
}
