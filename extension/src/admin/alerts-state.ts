import { signal } from '@preact/signals';
import { RENEWAL_REMINDER_DAYS } from '@seatwise/shared';
import { toFailure, type Failure } from '../api/failure.ts';
import type { AlertSettingsView, ComplianceReportSettings, WebhookTest } from '../api/types.ts';
import type { Backend } from '../messaging/client.ts';
import { newIdempotencyKey } from '../overlay/trusted.ts';

export type ReminderDay = (typeof RENEWAL_REMINDER_DAYS)[number];
type Every = ComplianceReportSettings['every'];

/** One form on the tab: its own saving flag, refusal and "saved" note. */
function formStatus() {
  return { saving: signal(false), failure: signal<Failure | null>(null), saved: signal(false) };
}

async function run(status: ReturnType<typeof formStatus>, work: () => Promise<void>) {
  status.saving.value = true;
  status.failure.value = null;
  status.saved.value = false;
  try {
    await work();
    status.saved.value = true;
  } catch (error) {
    status.failure.value = toFailure(error);
  } finally {
    status.saving.value = false;
  }
}

/** "a@x.org, b@y.org" or one per line → the addresses, as typed (the server checks each). */
export const parseRecipients = (text: string) => text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);

/**
 * The Alerts tab: the webhook (with "send test"), the thresholds the alert
 * policy reads, and who gets the compliance report and how often. The
 * server decides who may read or change each; system administrators change them.
 */
export function createAlertsState(backend: Backend) {
  const view = signal<AlertSettingsView | null>(null);
  const loading = signal(false);
  const failure = signal<Failure | null>(null);

  const webhookUrl = signal('');
  const renewalDays = signal<ReminderDay[]>([...RENEWAL_REMINDER_DAYS]);
  const usagePct = signal('90');
  const alerts = formStatus();

  const testing = signal(false);
  const testResult = signal<WebhookTest | null>(null);
  const testFailure = signal<Failure | null>(null);

  const report = signal<ComplianceReportSettings | null>(null);
  const every = signal<Every>('weekly');
  const recipients = signal('');
  const reportForm = formStatus();

  const savedDays = (v: AlertSettingsView) => RENEWAL_REMINDER_DAYS.filter((d) => v.renewalDays.includes(d));
  /** Edits not saved yet: a re-read (another admin's change, a live push) leaves them alone. */
  const alertsEdited = () => {
    const v = view.value;
    return !!v && (webhookUrl.value.trim() !== (v.webhook?.url ?? '') || renewalDays.value.join() !== savedDays(v).join() || usagePct.value !== String(v.usagePct));
  };
  const reportEdited = () => {
    const r = report.value;
    return !!r && (every.value !== r.every || parseRecipients(recipients.value).join() !== r.recipients.join());
  };

  /** Shows what the server has; the form follows unless it holds edits (`saved`: the answer to our own save). */
  function fill(v: AlertSettingsView, saved = false) {
    const keep = !saved && alertsEdited();
    view.value = v;
    if (keep) return;
    webhookUrl.value = v.webhook?.url ?? '';
    renewalDays.value = savedDays(v);
    usagePct.value = String(v.usagePct);
  }

  function fillReport(r: ComplianceReportSettings, saved = false) {
    const keep = !saved && reportEdited();
    report.value = r;
    if (keep) return;
    every.value = r.every;
    recipients.value = r.recipients.join('\n');
  }

  async function load() {
    loading.value = true;
    try {
      const v = await backend.request('alertSettings.get', {});
      fill(v);
      // The report's schedule and recipients are district-wide: read only where they may be changed.
      if (v.editable) fillReport(await backend.request('reportSettings.get', {}));
      failure.value = null;
    } catch (error) {
      failure.value = toFailure(error);
    } finally {
      loading.value = false;
    }
  }

  const toggleDay = (day: ReminderDay, on: boolean) => {
    renewalDays.value = RENEWAL_REMINDER_DAYS.filter((d) => (d === day ? on : renewalDays.value.includes(d)));
  };

  const saveAlerts = () =>
    run(alerts, async () => {
      const url = webhookUrl.value.trim();
      // Sent as typed: a value out of bounds is refused naming its field (by the background's check, then the server's).
      const pct = usagePct.value.trim() === '' ? Number.NaN : Number(usagePct.value);
      fill(await backend.request('alertSettings.save', { webhookUrl: url || null, renewalDays: renewalDays.value, usagePct: pct, idempotencyKey: newIdempotencyKey() }), true);
    });

  /** Whether the form differs from what is saved ("send test" goes to the saved webhook). */
  const unsaved = () => (view.value?.webhook?.url ?? '') !== webhookUrl.value.trim();

  async function sendTest() {
    testing.value = true;
    testResult.value = null;
    testFailure.value = null;
    try {
      testResult.value = await backend.request('alertSettings.test', { idempotencyKey: newIdempotencyKey() });
    } catch (error) {
      testFailure.value = toFailure(error);
    } finally {
      testing.value = false;
    }
  }

  const saveReport = () =>
    run(reportForm, async () => {
      fillReport(await backend.request('reportSettings.save', { every: every.value, recipients: parseRecipients(recipients.value), idempotencyKey: newIdempotencyKey() }), true);
    });

  return { view, loading, failure, webhookUrl, renewalDays, usagePct, alerts, testing, testResult, testFailure, report, every, recipients, reportForm, load, toggleDay, saveAlerts, unsaved, sendTest, saveReport };
}
export type AlertsState = ReturnType<typeof createAlertsState>;

/** What a test send found, in words. */
export function testOutcome(t: WebhookTest): string {
  const where = t.source === 'environment' ? 'the server’s default webhook (ALERT_WEBHOOK_URL)' : 'the webhook URL saved here';
  if (t.delivered) return `Delivered to ${where}: the receiver answered HTTP ${t.status}.`;
  return `Not delivered to ${where}: ${t.status ? `the receiver answered HTTP ${t.status}` : (t.error ?? 'no answer')}. Alerts would be retried with backoff; check the URL and that the receiver accepts a JSON POST.`;
}
