import { LIFECYCLE_DEFAULTS, SKU_PRODUCTS, SKUS, type DashboardProduct, type Pool } from '@seatwise/shared';
import { and, eq, gte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { activity, assignments } from '../../db/schema.ts';
import { poolAlerts, type Alert } from '../policy/alerts.ts';
import { DAY_MS } from '../policy/clock.ts';
import { idleSince } from '../policy/inactivity.ts';
import { usagePct } from '../policy/pool-state.ts';
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
        graceDaysLeft: p.state === 'grace' ? Math.max(0, p.graceDays + p.daysLeft) : null,
      })),
    };
  });
}

const bySeatsThenEnd = (a: Pool, b: Pool) => b.seats - a.seats || b.endsAt.localeCompare(a.endsAt);

export async function dashboard(db: DbOrTx, pools: Pool[], scope: Set<string> | null, now: Date): Promise<Dashboard> {
  const cutoff = new Date(now.getTime() - LIFECYCLE_DEFAULTS.activeWindowDays * DAY_MS).toISOString();
  const inScope = userScopeSql(assignments.userId, scope);
  const [licensed, inactive, waitingRows, active] = await Promise.all([
    db
      .select({
        users: sql<number>`count(distinct ${assignments.userId})`,
        activeUsers: sql<number>`count(distinct case when ${activity.lastAt} >= ${cutoff} then ${assignments.userId} end)`,
      })
      .from(assignments)
      .leftJoin(activity, and(eq(activity.userId, assignments.userId), eq(activity.product, assignments.product)))
      .where(and(eq(assignments.state, 'active'), inScope)),
    db
      .select({ n: sql<number>`count(*)` })
      .from(assignments)
      .leftJoin(activity, and(eq(activity.userId, assignments.userId), eq(activity.product, assignments.product)))
      .where(and(eq(assignments.state, 'active'), sql`${idleSince(activity.lastAt, assignments.since)} < ${cutoff}`, inScope)),
    db
      .select({ product: assignments.product, n: sql<number>`count(*)` })
      .from(assignments)
      .where(and(eq(assignments.state, 'waiting'), inScope))
      .groupBy(assignments.product),
    db
      .select({ n: sql<number>`count(distinct ${activity.userId})` })
      .from(activity)
      .where(and(gte(activity.lastAt, cutoff), userScopeSql(activity.userId, scope))),
  ]);
  const waitingByProduct = new Map(waitingRows.map((r) => [r.product as string, Number(r.n)]));
  const licensedUsers = Number(licensed[0]?.users ?? 0);
  return {
    products: skuTotals(pools, waitingByProduct),
    activeUsers: Number(active[0]?.n ?? 0),
    utilizationPct: usagePct(Number(licensed[0]?.activeUsers ?? 0), licensedUsers),
    inactiveAssignments: Number(inactive[0]?.n ?? 0),
    waiting: [...waitingByProduct.values()].reduce((a, b) => a + b, 0),
    alerts: poolAlerts(pools, now),
  };
}
