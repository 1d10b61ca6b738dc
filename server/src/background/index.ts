import { raiseAlerts } from '../alerts/raise.ts';
import type { Engine } from '../engine/engine.ts';
import { takeMissingSnapshots } from '../reports/usage-snapshot.ts';
import { WebhookDelivery } from '../webhook/delivery.ts';
import { Periodic } from './periodic.ts';

export interface BackgroundOptions {
  webhookUrl?: string;
  snapshotEveryMs?: number;
  alertScanEveryMs?: number;
}

/**
 * The server's own schedule (no external cron): daily usage snapshots (missed
 * days filled on the first run), alert raising, webhook delivery. Each keeps
 * its state in the database with unique keys and leases, so any number of
 * processes can run them side by side.
 */
export function startBackground(engine: Engine, options: BackgroundOptions = {}) {
  const webhook = options.webhookUrl ? new WebhookDelivery(engine) : undefined;
  const snapshots = new Periodic('usage snapshots', options.snapshotEveryMs ?? 15 * 60_000, (signal) => takeMissingSnapshots(engine, signal)).start();
  const alerts = new Periodic('alert scan', options.alertScanEveryMs ?? 30_000, async () => {
    const raised = await raiseAlerts(engine, { webhookUrl: options.webhookUrl });
    if (raised.length) webhook?.poke();
  }).start();
  webhook?.start();
  return {
    async stop() {
      await Promise.all([snapshots.stop(), alerts.stop(), webhook?.stop()]);
    },
  };
}
