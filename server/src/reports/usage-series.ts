import { SKUS, type Sku, type UsagePoint } from '@seatwise/shared';
import { and, gte, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { usageSnapshotDays, usageSnapshots } from '../db/schema.ts';
import { DAY_MS } from '../engine/policy/clock.ts';
import type { OrgTree } from '../engine/queries/org-tree.ts';
import { usagePct } from '../engine/policy/pool-state.ts';
import type { CsvColumn } from './csv.ts';
import { orgColumnScope } from '../engine/queries/scope-sql.ts';
import { dayOf, usageRowsAt, type UsageRow } from './usage-snapshot.ts';

export interface UsageView {
  /** Organizations whose pools the caller sees (their subtree and the ancestors above it); null = all. */
  poolOrgs: Set<string> | null;
  /** Organizations whose waiting users the caller sees (their subtree); null = all. */
  userOrgs: Set<string> | null;
}

type Sums = Omit<UsageRow, 'orgId' | 'date' | 'sku'>;

function point(date: string, sku: Sku, s: Sums | undefined, snapshot: boolean): UsagePoint {
  const v = s ?? { total: 0, assigned: 0, available: 0, activeUsers: 0, waiting: 0 };
  const n = (x: unknown) => Number(x ?? 0);
  return {
    date,
    sku,
    total: n(v.total),
    assigned: n(v.assigned),
    available: n(v.available),
    activeUsers: n(v.activeUsers),
    utilizationPct: usagePct(n(v.activeUsers), n(v.assigned)),
    waiting: n(v.waiting),
    snapshot,
  };
}

/**
 * The daily series per SKU from `from` to `to` (inclusive): stored snapshots
 * for past days, summed in SQL over what the caller may see, and today's
 * point computed live so it is always present and current. Days before the
 * database's first snapshot have no point.
 */
export async function usageSeries(db: DbOrTx, tree: OrgTree, view: UsageView, now: Date, range: { from: string; to: string; sku?: Sku }): Promise<UsagePoint[]> {
  const today = dayOf(now);
  const poolIn = orgColumnScope(usageSnapshots.orgId, view.poolOrgs) ?? sql`1`;
  const userIn = orgColumnScope(usageSnapshots.orgId, view.userOrgs) ?? sql`1`;
  const inRange = and(gte(usageSnapshots.date, range.from), lte(usageSnapshots.date, range.to), sql`${usageSnapshots.date} < ${today}`);
  const [sums, days] = await Promise.all([
    db
      .select({
        date: usageSnapshots.date,
        sku: usageSnapshots.sku,
        total: sql<number>`sum(case when ${poolIn} then ${usageSnapshots.total} else 0 end)`,
        assigned: sql<number>`sum(case when ${poolIn} then ${usageSnapshots.assigned} else 0 end)`,
        available: sql<number>`sum(case when ${poolIn} then ${usageSnapshots.available} else 0 end)`,
        activeUsers: sql<number>`sum(case when ${poolIn} then ${usageSnapshots.activeUsers} else 0 end)`,
        waiting: sql<number>`sum(case when ${userIn} then ${usageSnapshots.waiting} else 0 end)`,
      })
      .from(usageSnapshots)
      .where(and(inRange, range.sku ? sql`${usageSnapshots.sku} = ${range.sku}` : undefined))
      .groupBy(usageSnapshots.date, usageSnapshots.sku),
    db
      .select({ date: usageSnapshotDays.date })
      .from(usageSnapshotDays)
      .where(and(gte(usageSnapshotDays.date, range.from), lte(usageSnapshotDays.date, range.to), sql`${usageSnapshotDays.date} < ${today}`))
      .orderBy(usageSnapshotDays.date),
  ]);
  const byKey = new Map(sums.map((s) => [`${s.date}|${s.sku}`, s]));
  const skus = range.sku ? [range.sku] : [...SKUS];
  const points = days.flatMap(({ date }) => skus.map((sku) => point(date, sku, byKey.get(`${date}|${sku}`), true)));

  if (range.from <= today && today <= range.to) {
    const live = new Map<Sku, Sums>();
    for (const r of await usageRowsAt(db, tree, now)) {
      const s = live.get(r.sku) ?? { total: 0, assigned: 0, available: 0, activeUsers: 0, waiting: 0 };
      if (view.poolOrgs === null || view.poolOrgs.has(r.orgId)) {
        s.total += r.total;
        s.assigned += r.assigned;
        s.available += r.available;
        s.activeUsers += r.activeUsers;
      }
      if (view.userOrgs === null || view.userOrgs.has(r.orgId)) s.waiting += r.waiting;
      live.set(r.sku, s);
    }
    points.push(...skus.map((sku) => point(today, sku, live.get(sku), false)));
  }
  return points;
}

/** Default range: the last 30 days up to today. */
export function usageRange(now: Date, q: { from?: string; to?: string }) {
  const to = q.to ?? dayOf(now);
  const from = q.from ?? dayOf(new Date(Date.parse(`${to}T00:00:00.000Z`) - 29 * DAY_MS));
  return { from, to };
}

export const USAGE_COLUMNS: CsvColumn<UsagePoint>[] = [
  { key: 'date', header: 'Date' },
  { key: 'sku', header: 'SKU' },
  { key: 'total', header: 'Total' },
  { key: 'assigned', header: 'Assigned' },
  { key: 'available', header: 'Available' },
  { key: 'activeUsers', header: 'Active users' },
  { key: 'utilizationPct', header: 'Utilization %' },
  { key: 'waiting', header: 'Waiting' },
  { key: 'snapshot', header: 'From snapshot' },
];
