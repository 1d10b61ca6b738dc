import { LIFECYCLE_DEFAULTS, SKU_PRODUCTS, type Sku } from '@seatwise/shared';
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { withWriteTx } from '../db/write-tx.ts';
import { activity, assignments, auditLog, usageSnapshotDays, usageSnapshots, userOrgs } from '../db/schema.ts';
import { DAY_MS } from '../engine/policy/clock.ts';
import type { Engine } from '../engine/engine.ts';
import { loadOrgTree, type OrgTree } from '../engine/queries/org-tree.ts';
import { poolViews } from '../engine/changes/pools.ts';

export type UsageRow = typeof usageSnapshots.$inferInsert;

export const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const endOfDay = (date: string) => new Date(Date.parse(`${date}T00:00:00.000Z`) + DAY_MS - 1);

/**
 * Usage per (organization, SKU) as of `at`: seat figures for the pools each
 * organization owns (expired pools suspend, so they count for nothing, as on
 * the dashboard), active holders, and users of that home organization
 * waiting for a single-product SKU's product.
 */
export async function usageRowsAt(db: DbOrTx, tree: OrgTree, at: Date, date = dayOf(at)): Promise<UsageRow[]> {
  const cutoff = new Date(at.getTime() - LIFECYCLE_DEFAULTS.activeWindowDays * DAY_MS).toISOString();
  const [pools, activeByPool, waiting] = await Promise.all([
    poolViews(db, tree, at),
    db
      .select({ poolId: assignments.poolId, n: sql<number>`count(distinct ${assignments.userId})` })
      .from(assignments)
      .innerJoin(activity, and(eq(activity.userId, assignments.userId), eq(activity.product, assignments.product)))
      .where(and(eq(assignments.state, 'active'), gte(activity.lastAt, cutoff), lte(activity.lastAt, at.toISOString())))
      .groupBy(assignments.poolId),
    db
      .select({ orgId: userOrgs.orgId, product: assignments.product, n: sql<number>`count(*)` })
      .from(assignments)
      .innerJoin(userOrgs, sql`${userOrgs.userId} = ${assignments.userId} and ${userOrgs.position} = 0`)
      .where(eq(assignments.state, 'waiting'))
      .groupBy(userOrgs.orgId, assignments.product),
  ]);
  const active = new Map(activeByPool.map((r) => [r.poolId, Number(r.n)]));
  const rows = new Map<string, UsageRow>();
  const row = (orgId: string, sku: Sku) => {
    const key = `${orgId}\u0000${sku}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { date, orgId, sku, total: 0, assigned: 0, available: 0, activeUsers: 0, waiting: 0 }));
    return r;
  };
  for (const p of pools) {
    if (p.state === 'expired') continue;
    const r = row(p.orgId, p.sku);
    r.total += p.seats;
    r.assigned += p.assigned;
    r.available += p.available;
    r.activeUsers += active.get(p.id) ?? 0;
  }
  for (const w of waiting) {
    const sku = (Object.keys(SKU_PRODUCTS) as Sku[]).find((s) => SKU_PRODUCTS[s].length === 1 && SKU_PRODUCTS[s][0] === w.product);
    if (sku) row(w.orgId, sku).waiting += Number(w.n);
  }
  return [...rows.values()];
}

/**
 * Snapshots one day, once: the day's marker row is the idempotency key, so
 * two processes (or a restart) racing on the same day write it once.
 */
export async function snapshotDay(engine: Engine, date: string): Promise<boolean> {
  const at = new Date(Math.min(engine.now().getTime(), endOfDay(date).getTime()));
  return withWriteTx(engine.db, async (tx) => {
    const inserted = await tx.insert(usageSnapshotDays).values({ date, takenAt: engine.now().toISOString() }).onConflictDoNothing().returning();
    if (inserted.length === 0) return false;
    const rows = await usageRowsAt(tx, await loadOrgTree(tx), at, date);
    for (let i = 0; i < rows.length; i += 100) await tx.insert(usageSnapshots).values(rows.slice(i, i + 100)).onConflictDoNothing();
    return true;
  });
}

const MAX_FILL_DAYS = 400;

/**
 * Snapshots every finished day since the database began that has none yet
 * (missed while no server ran). Nothing changes licenses while no server
 * runs, so a missed day is the state found now, evaluated on that day's
 * lifecycle (pool states, activity window). Today is never stored: the
 * series computes it live.
 */
export async function takeMissingSnapshots(engine: Engine, signal?: AbortSignal): Promise<string[]> {
  const now = engine.now();
  const today = dayOf(now);
  const [first] = await engine.db.select({ at: sql<string | null>`min(${auditLog.at})` }).from(auditLog);
  if (!first?.at) return [];
  const earliest = Math.max(Date.parse(`${first.at.slice(0, 10)}T00:00:00.000Z`), Date.parse(`${today}T00:00:00.000Z`) - MAX_FILL_DAYS * DAY_MS);
  const done = new Set((await engine.db.select({ date: usageSnapshotDays.date }).from(usageSnapshotDays).where(gte(usageSnapshotDays.date, dayOf(new Date(earliest))))).map((r) => r.date));
  const written: string[] = [];
  for (let t = earliest; dayOf(new Date(t)) < today && !signal?.aborted; t += DAY_MS) {
    const date = dayOf(new Date(t));
    if (!done.has(date) && (await snapshotDay(engine, date))) written.push(date);
  }
  return written;
}
