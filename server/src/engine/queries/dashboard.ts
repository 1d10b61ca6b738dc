import { LIFECYCLE_DEFAULTS, SKU_PRODUCTS, SKUS, type DashboardProduct, type Pool } from '@seatwise/shared';
import { and, eq, gte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { activity, assignments } from '../../db/schema.ts';
import { poolAlerts, type Alert } from '../policy/alerts.ts';
import { DAY_MS } from '../policy/clock.ts';
import { idleSince } from '../policy/inactivity.ts';
import { graceDaysLeft, usagePct } from '../policy/pool-state.ts';
import { VersionedCache } from './change-versions.ts';
import { userScopeSql } from './scope-sql.ts';

export interface Dashboard {
  products: DashboardProduct[];
  activeUsers: number;
  utilizationPct: number;
  inactiveAssignments: number;
  waiting: number;
  alerts: Alert[];
}

/**
 * Per SKU totals over the pools that still license (expired ones suspend, so
 * they do not count). The headline state is the main pool's (most seats), and
 * each pool is listed with its own state: a 40-seat pilot in grace must not
 * make a 290-seat district pool with weeks left read "in grace".
 */
export function skuTotals(pools: Pool[], waitingByProduct: Map<string, number>): DashboardProduct[] {
  return SKUS.map((sku) => {
    const own = pools.filter((p) => p.sku === sku);
    const live = own.filter((p) => p.state !== 'expired');
    const byMain = [...live].sort(bySeatsThenEnd);
    const main = byMain[0];
    const listed = [...byMain, ...own.filter((p) => p.state === 'expired' && p.assigned > 0).sort(bySeatsThenEnd)];
    const total = live.reduce((n, p) => n + p.seats, 0);
    const assigned = live.reduce((n, p) => n + p.assigned, 0);
    const products = SKU_PRODUCTS[sku];
    return {
      product: sku,
      total,
      assigned,
      held: live.reduce((n, p) => n + p.held, 0),
      available: live.reduce((n, p) => n + p.available, 0),
      usagePct: usagePct(assigned, total),
      state: main?.state ?? (own.length ? 'expired' : null),
      nextEndsAt: main?.endsAt ?? null,
      daysLeft: main?.daysLeft ?? null,
      waiting: products.length === 1 ? (waitingByProduct.get(products[0]!) ?? 0) : 0,
      pools: listed.map((p) => ({
        poolId: p.id,
        name: p.name,
        orgId: p.orgId,
        seats: p.seats,
        assigned: p.assigned,
        held: p.held,
        state: p.state,
        endsAt: p.endsAt,
        daysLeft: p.daysLeft,
        graceDaysLeft: graceDaysLeft(p),
      })),
    };
  });
}

const bySeatsThenEnd = (a: Pool, b: Pool) => b.seats - a.seats || b.endsAt.localeCompare(a.endsAt);

/**
 * What the dashboard counts over assignments and activity, and until when
 * the count holds by itself: a holder's activity leaves the active window,
 * or a license passes into "inactive", at a moment the rows already fix.
 */
interface SeatTotals {
  licensedUsers: number;
  licensedActive: number;
  inactive: number;
  activeUsers: number;
  waitingByProduct: Map<string, number>;
  computedAt: number;
  /** The last instant (ms) at which every count above is still what it was at `computedAt`. */
  holdsUntil: number;
}

async function seatTotals(db: DbOrTx, scope: Set<string> | null, now: Date): Promise<SeatTotals> {
  const window = LIFECYCLE_DEFAULTS.activeWindowDays * DAY_MS;
  const cutoff = new Date(now.getTime() - window).toISOString();
  const inScope = userScopeSql(assignments.userId, scope);
  const idle = idleSince(activity.lastAt, assignments.since);
  // One pass over the active licenses answers the three questions about them, and says which
  // in-window time is the oldest (it is the next to leave the window).
  const [licensed, waitingRows, active] = await Promise.all([
    db
      .select({
        users: sql<number>`count(distinct ${assignments.userId})`,
        activeUsers: sql<number>`count(distinct case when ${activity.lastAt} >= ${cutoff} then ${assignments.userId} end)`,
        inactive: sql<number>`coalesce(sum(${idle} < ${cutoff}), 0)`,
        oldestActive: sql<string | null>`min(case when ${activity.lastAt} >= ${cutoff} then ${activity.lastAt} end)`,
        oldestIdle: sql<string | null>`min(case when ${idle} >= ${cutoff} then ${idle} end)`,
      })
      .from(assignments)
      .leftJoin(activity, and(eq(activity.userId, assignments.userId), eq(activity.product, assignments.product)))
      .where(and(eq(assignments.state, 'active'), inScope)),
    db
      .select({ product: assignments.product, n: sql<number>`count(*)` })
      .from(assignments)
      .where(and(eq(assignments.state, 'waiting'), inScope))
      .groupBy(assignments.product),
    db
      .select({ n: sql<number>`count(distinct ${activity.userId})`, oldest: sql<string | null>`min(${activity.lastAt})` })
      .from(activity)
      .where(and(gte(activity.lastAt, cutoff), userScopeSql(activity.userId, scope))),
  ]);
  const row = licensed[0];
  const turns = [row?.oldestActive, row?.oldestIdle, active[0]?.oldest].filter((t): t is string => !!t).map((t) => Date.parse(t) + window);
  return {
    licensedUsers: Number(row?.users ?? 0),
    licensedActive: Number(row?.activeUsers ?? 0),
    inactive: Number(row?.inactive ?? 0),
    activeUsers: Number(active[0]?.n ?? 0),
    waitingByProduct: new Map(waitingRows.map((r) => [r.product as string, Number(r.n)])),
    computedAt: now.getTime(),
    holdsUntil: Math.min(Infinity, ...turns.filter((t) => !Number.isNaN(t))),
  };
}

/**
 * Seat totals per scope, kept per process and database while the `seats`
 * change version stands (assignments, pools, activity and memberships bump it
 * in whichever process writes them) and the clock has not passed the moment
 * they stop holding by themselves: never a stale count, and at 100,000 users
 * a scan per change instead of per request.
 */
const kept = new WeakMap<DbOrTx, VersionedCache<SeatTotals>>();

function cachedSeatTotals(db: DbOrTx, seatsVersion: number, scope: Set<string> | null, now: Date): Promise<SeatTotals> {
  const cache = kept.get(db) ?? kept.set(db, new VersionedCache(1000)).get(db)!;
  const key = scope === null ? '*' : [...scope].sort().join(',');
  const at = now.getTime();
  return cache.get(seatsVersion, key, () => seatTotals(db, scope, now), (t) => t.computedAt <= at && at <= t.holdsUntil) as Promise<SeatTotals>;
}

export async function dashboard(db: DbOrTx, pools: Pool[], scope: Set<string> | null, now: Date, seatsVersion: number): Promise<Dashboard> {
  const totals = await cachedSeatTotals(db, seatsVersion, scope, now);
  return {
    products: skuTotals(pools, totals.waitingByProduct),
    activeUsers: totals.activeUsers,
    utilizationPct: usagePct(totals.licensedActive, totals.licensedUsers),
    inactiveAssignments: totals.inactive,
    waiting: [...totals.waitingByProduct.values()].reduce((a, b) => a + b, 0),
    alerts: poolAlerts(pools, now),
  };
}
