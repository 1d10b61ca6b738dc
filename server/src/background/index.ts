import { raiseAlerts } from '../alerts/raise.ts';
import type { Engine } from '../engine/engine.ts';
import { DEFAULT_HOLD_TTL_MS, expireHolds } from '../engine/changes/holds.ts';
import { takeMissingSnapshots } from '../reports/usage-snapshot.ts';
import { produceDueReport } from '../compliance-reports/produce.ts';
import { OutboxDelivery, WEBHOOK_SENDERS } from '../delivery/outbox.ts';
import { smtpSender } from '../delivery/senders.ts';
import { effectiveWebhook, readAlertSettings } from '../alerts/settings.ts';
import { Periodic } from './periodic.ts';

export interface BackgroundOptions {
  /** ALERT_WEBHOOK_URL: where alerts and reports go while no webhook URL is stored in the settings. */
  webhookUrl?: string;
  smtp?: { url: string; from: string };
  snapshotEveryMs?: number;
  alertScanEveryMs?: number;
  reportCheckEveryMs?: number;
  /** Seat holds' lifetime: expired ones are swept several times within it. */
  holdTtlMs?: number;
}

/**
 * The server's own schedule (no external cron): daily usage snapshots (missed
 * days filled on the first run), alert raising, the scheduled compliance
 * report, expiring seat holds, and delivery of webhooks and emails. Each keeps
 * its state in the database with unique keys and leases, so any number of
 * processes can run them side by side.
 */
export function startBackground(engine: Engine, options: BackgroundOptions = {}) {
  // Always running: an administrator may set a webhook URL at any time (Administration → Alerts).
  const outbox = new OutboxDelivery(engine, { ...WEBHOOK_SENDERS, ...(options.smtp ? { 'mailto:': smtpSender(options.smtp.url, options.smtp.from) } : {}) });
  /** The webhook in force now: the stored setting, else the environment's. */
  const webhookUrl = async () => effectiveWebhook(await readAlertSettings(engine.db), options.webhookUrl)?.url;
  const snapshots = new Periodic('usage snapshots', options.snapshotEveryMs ?? 15 * 60_000, (signal) => takeMissingSnapshots(engine, signal)).start();
  const alerts = new Periodic('alert scan', options.alertScanEveryMs ?? 30_000, async () => {
    const raised = await raiseAlerts(engine, { webhookUrl: await webhookUrl() });
    if (raised.length) outbox.poke();
  }).start();
  const reports = new Periodic('compliance report', options.reportCheckEveryMs ?? 10 * 60_000, async () => {
    if (await produceDueReport(engine, { smtp: !!options.smtp, webhookUrl: await webhookUrl() })) outbox.poke();
  }).start();
  // A hold outlives its expiry by at most a fifth of its life (and never more than 15 s).
  const holds = new Periodic('seat hold expiry', Math.min(15_000, Math.max(250, (options.holdTtlMs ?? DEFAULT_HOLD_TTL_MS) / 5)), () => expireHolds(engine)).start();
  outbox.start();
  return {
    async stop() {
      await Promise.all([snapshots.stop(), alerts.stop(), reports.stop(), holds.stop(), outbox.stop()]);
    },
  };
}
