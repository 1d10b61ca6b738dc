import type { AlertView } from '@seatwise/shared';
import { eq, inArray } from 'drizzle-orm';
import { alertState, webhookDeliveries } from '../db/schema.ts';
import { appendAudit } from '../engine/changes/audit.ts';
import type { Engine } from '../engine/engine.ts';
import { loadOrgTree } from '../engine/queries/org-tree.ts';
import { ApiError } from '../errors.ts';
import { currentAlerts, type Alert } from './current.ts';

/**
 * Compares the alerts in force with those already raised, inside one write
 * transaction: a new alert is recorded, audited as `alert.raise` (which is
 * how live-update subscribers in every process hear of it) and queued for
 * the webhook; an alert no longer in force is cleared, so if its condition
 * returns it is raised again. Any number of processes may run this.
 */
export async function raiseAlerts(engine: Engine, options: { webhookUrl?: string } = {}): Promise<Alert[]> {
  // Computed before taking the write lock, so license changes never queue
  // behind it; the raise-once check below runs under the lock.
  const current = await currentAlerts(engine.db, await loadOrgTree(engine.db), engine.now());
  return engine.change(null, async (ctx) => {
    const known = new Set((await ctx.tx.select({ id: alertState.alertId }).from(alertState)).map((r) => r.id));
    const live = new Set(current.map((a) => a.id));
    const cleared = [...known].filter((id) => !live.has(id));
    for (let i = 0; i < cleared.length; i += 500) await ctx.tx.delete(alertState).where(inArray(alertState.alertId, cleared.slice(i, i + 500)));

    const raised = current.filter((a) => !known.has(a.id));
    if (raised.length === 0) return raised;
    const iso = ctx.now.toISOString();
    for (let i = 0; i < raised.length; i += 100) {
      await ctx.tx.insert(alertState).values(raised.slice(i, i + 100).map((a) => ({ alertId: a.id, orgId: a.orgId, raisedAt: iso, payload: JSON.stringify(a) })));
    }
    await appendAudit(
      ctx.tx,
      ctx.now,
      raised.map((a) => ({ actorId: null, action: 'alert.raise', subjectType: 'alert', subjectId: a.id, orgId: a.orgId, after: a })),
    );
    if (options.webhookUrl) {
      const url = options.webhookUrl;
      const rows = raised.map((a) => ({ alertId: a.id, url, payload: JSON.stringify(webhookBody(a)), status: 'pending' as const, nextAttemptAt: new Date().toISOString(), createdAt: iso }));
      for (let i = 0; i < rows.length; i += 100) await ctx.tx.insert(webhookDeliveries).values(rows.slice(i, i + 100)).onConflictDoNothing();
    }
    return raised;
  });
}

/** What the webhook receives: one alert per POST. */
export const webhookBody = (alert: Alert) => ({ type: 'alert' as const, alert: { ...alert, acknowledged: false } satisfies AlertView });

/** Marks an alert acknowledged (idempotent) and audits who did it. */
export async function acknowledgeAlert(engine: Engine, actorId: string, alert: Alert): Promise<void> {
  await engine.change(actorId, async (ctx) => {
    const [row] = await ctx.tx.select().from(alertState).where(eq(alertState.alertId, alert.id));
    if (row?.ackedAt) return;
    const iso = ctx.now.toISOString();
    await ctx.tx
      .insert(alertState)
      .values({ alertId: alert.id, orgId: alert.orgId, raisedAt: alert.raisedAt, payload: JSON.stringify(alert), ackedAt: iso, ackedBy: actorId })
      .onConflictDoUpdate({ target: alertState.alertId, set: { ackedAt: iso, ackedBy: actorId } });
    await appendAudit(ctx.tx, ctx.now, [
      { actorId, action: 'alert.ack', subjectType: 'alert', subjectId: alert.id, orgId: alert.orgId, before: { acknowledged: false }, after: { acknowledged: true, kind: alert.kind } },
    ]);
  });
}

export const alertNotFound = (id: string) => new ApiError('not_found', `alert ${id} not found (it may have cleared)`);

