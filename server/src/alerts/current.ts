import { PRODUCT_LABELS, SKU_LABELS, withArticle, type AlertView, type Pool, type Product } from '@seatwise/shared';
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { alertState, auditLog } from '../db/schema.ts';
import { poolAlerts } from '../engine/policy/alerts.ts';
import { DAY_MS } from '../engine/policy/clock.ts';
import type { OrgTree } from '../engine/queries/org-tree.ts';
import { poolViews } from '../engine/changes/pools.ts';
import type { Caller } from '../http/context.ts';
import { orgInScope, poolOrgVisible } from '../http/scope.ts';
import { readAlertSettings, thresholdsOf } from './settings.ts';

export type Alert = Omit<AlertView, 'acknowledged'>;

/** A refusal alert stays up for this long after the last refusal. */
export const REFUSAL_ALERT_DAYS = 7;

/**
 * Refusals for lack of seats in the last week, one alert per pool (or per
 * home organization and product when no pool could be named). The id carries
 * the latest refusal's audit seq, so a new refusal after an acknowledgement
 * raises a fresh alert.
 */
async function refusalAlerts(db: DbOrTx, pools: Pool[], now: Date): Promise<Alert[]> {
  const since = new Date(now.getTime() - REFUSAL_ALERT_DAYS * DAY_MS).toISOString();
  const poolId = sql<string | null>`json_extract(${auditLog.after}, '$.poolId')`;
  const product = sql<Product | null>`json_extract(${auditLog.after}, '$.product')`;
  const rows = await db
    .select({ poolId, product, orgId: auditLog.orgId, n: sql<number>`count(*)`, users: sql<number>`count(distinct ${auditLog.subjectId})`, lastSeq: sql<number>`max(${auditLog.seq})`, lastAt: sql<string>`max(${auditLog.at})` })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'license.refused'), gte(auditLog.at, since)))
    .groupBy(sql`coalesce(${poolId}, ${auditLog.orgId} || ':' || ${product})`);
  const byId = new Map(pools.map((p) => [p.id, p]));
  return rows.map((r) => {
    const pool = r.poolId ? byId.get(r.poolId) : undefined;
    const what = pool ? `${withArticle(SKU_LABELS[pool.sku])} seat in ${pool.name}` : r.product ? `${withArticle(PRODUCT_LABELS[r.product])} license` : 'a license';
    const key = pool ? pool.id : `${r.orgId}:${r.product}`;
    return {
      id: `refusals:${key}:${r.lastSeq}`,
      kind: 'refusals',
      severity: 'warning',
      subject: pool ? { type: 'pool', id: pool.id } : { type: 'org', id: r.orgId ?? '' },
      orgId: pool ? pool.orgId : r.orgId,
      raisedAt: r.lastAt,
      message: `${r.users} users were refused ${what} in the last ${REFUSAL_ALERT_DAYS} days (${r.n} refusals): add seats or release inactive ones.`,
    };
  });
}

/** Every alert in force now, over all organizations, at the thresholds set; callers filter with `alertVisible`. `pools`: every pool, when already read. */
export async function currentAlerts(db: DbOrTx, tree: OrgTree, now: Date, allPools?: Pool[]): Promise<Alert[]> {
  const [pools, settings] = await Promise.all([allPools ?? poolViews(db, tree, now), readAlertSettings(db)]);
  const orgOf = new Map(pools.map((p) => [p.id, p.orgId]));
  const fromPools: Alert[] = poolAlerts(pools, now, thresholdsOf(settings)).map((a) => ({ ...a, orgId: orgOf.get(a.subject.id) ?? null }));
  return [...fromPools, ...(await refusalAlerts(db, pools, now))];
}

/** Pool alerts follow pool visibility (a school admin sees the district pool their users draw from); the rest follow scope. */
export function alertVisible(caller: Caller, alert: Pick<Alert, 'orgId' | 'subject'>): boolean {
  if (caller.scope === null) return true;
  if (!alert.orgId) return false;
  return alert.subject.type === 'pool' ? poolOrgVisible(caller, alert.orgId) : orgInScope(caller, alert.orgId);
}

/**
 * Who may acknowledge an alert. An acknowledgement is shared: it quiets the
 * alert for everyone who sees it. So a scoped admin acknowledges only alerts
 * about its own subtree; an alert on a pool owned above it (the district's,
 * which its users draw from) stays visible to it but is the district's to
 * acknowledge.
 */
export function alertAcknowledgeable(caller: Caller, alert: Pick<Alert, 'orgId'>): boolean {
  return caller.scope === null || (alert.orgId !== null && orgInScope(caller, alert.orgId));
}

const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;

/** The caller's alerts, most severe first, each marked acknowledged or not. */
export async function alertsFor(db: DbOrTx, caller: Caller, now: Date, allPools?: Pool[]): Promise<AlertView[]> {
  const visible = (await currentAlerts(db, caller.tree, now, allPools)).filter((a) => alertVisible(caller, a));
  const ids = visible.map((a) => a.id);
  const acked = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.select({ id: alertState.alertId }).from(alertState).where(and(inArray(alertState.alertId, ids.slice(i, i + 500)), sql`${alertState.ackedAt} is not null`));
    for (const r of rows) acked.add(r.id);
  }
  return visible
    .map((a) => ({ ...a, acknowledged: acked.has(a.id) }))
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.raisedAt.localeCompare(a.raisedAt));
}
