import { LIFECYCLE_DEFAULTS, type CompliancePool, type Pool, type Recommendation } from '@seatwise/shared';
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { activity, assignments, auditLog, users } from '../db/schema.ts';
import { DAY_MS } from '../engine/policy/clock.ts';
import { userScopeSql } from '../engine/queries/scope-sql.ts';
import type { OrgTree } from '../engine/queries/org-tree.ts';
import { idleSince } from '../engine/policy/inactivity.ts';
import { graceDaysLeft, usagePct } from '../engine/policy/pool-state.ts';
import type { CsvColumn } from './csv.ts';

export interface Holder {
  id: string;
  email: string;
  lastActiveAt: string | null;
}

export interface PoolFacts {
  row: CompliancePool;
  /** Holders not seen within the activity window, never-seen first: only those the viewer may see. */
  inactive: Holder[];
  /** How many holders are inactive in all: a pool-wide count, naming no one. */
  inactiveCount: number;
  refusedUsers: number;
  graceDays: number;
}

const REFUSAL_WINDOW_DAYS = 30;

/**
 * Per pool: seat state plus who is idle and how often a seat was refused
 * lately. A visible pool may be shared with organizations outside the
 * viewer's scope (a district pool seen by a school admin): its counts are
 * the pool's, but only users of the `viewer`'s organizations are named.
 */
export async function complianceFacts(db: DbOrTx, tree: OrgTree, pools: Pool[], now: Date, viewer: Set<string> | null): Promise<PoolFacts[]> {
  if (pools.length === 0) return [];
  const ids = pools.map((p) => p.id);
  const cutoff = new Date(now.getTime() - LIFECYCLE_DEFAULTS.activeWindowDays * DAY_MS).toISOString();
  const since = new Date(now.getTime() - REFUSAL_WINDOW_DAYS * DAY_MS).toISOString();
  const refusedPool = sql<string>`json_extract(${auditLog.after}, '$.poolId')`;
  const [holders, refusals] = await Promise.all([
    db
      .select({ poolId: assignments.poolId, id: users.id, email: users.email, lastActiveAt: sql<string | null>`max(${activity.lastAt})`, idleSince: idleSince(sql`max(${activity.lastAt})`, sql`max(${assignments.since})`), seen: sql<number>`${userScopeSql(users.id, viewer) ?? sql`1`}` })
      .from(assignments)
      .innerJoin(users, eq(users.id, assignments.userId))
      .leftJoin(activity, and(eq(activity.userId, assignments.userId), eq(activity.product, assignments.product)))
      .where(and(inArray(assignments.poolId, ids), eq(assignments.state, 'active')))
      .groupBy(assignments.poolId, users.id)
      .orderBy(idleSince(sql`max(${activity.lastAt})`, sql`max(${assignments.since})`), users.email),
    db
      .select({ poolId: refusedPool, n: sql<number>`count(*)`, users: sql<number>`count(distinct ${auditLog.subjectId})` })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'license.refused'), gte(auditLog.at, since)))
      .groupBy(refusedPool),
  ]);
  const refusedBy = new Map(refusals.map((r) => [r.poolId, r]));
  return pools.map((p) => {
    const mine = holders.filter((h) => h.poolId === p.id);
    // Idle for the whole window (a new license is neither idle nor active yet).
    const idle = mine.filter((h) => h.idleSince < cutoff);
    const active = mine.filter((h) => h.lastActiveAt !== null && h.lastActiveAt >= cutoff).length;
    const refused = refusedBy.get(p.id);
    return {
      inactive: idle.filter((h) => Number(h.seen)).map(({ poolId: _p, seen: _s, ...h }) => h),
      inactiveCount: idle.length,
      refusedUsers: Number(refused?.users ?? 0),
      graceDays: p.graceDays,
      row: {
        poolId: p.id,
        poolName: p.name,
        orgId: p.orgId,
        orgName: tree.get(p.orgId)?.name ?? null,
        sku: p.sku,
        state: p.state,
        seats: p.seats,
        assigned: p.assigned,
        available: p.available,
        usagePct: p.usagePct,
        overAllocated: p.overAllocated,
        endsAt: p.endsAt,
        daysLeft: p.daysLeft,
        graceDaysLeft: graceDaysLeft(p),
        activeUsers: active,
        utilizationPct: usagePct(active, mine.length),
        inactiveAssignments: idle.length,
        waiting: p.waiting,
        refusals30d: Number(refused?.n ?? 0),
      },
    };
  });
}

type ComplianceCsvRow = CompliancePool & { recommendations: string };

/** The compliance table's CSV rows (the export route and the stored report): each pool with its recommendations. */
export const complianceCsvRows = (facts: PoolFacts[], recs: Recommendation[]): ComplianceCsvRow[] =>
  facts.map((f) => ({ ...f.row, recommendations: recs.filter((r) => r.poolId === f.row.poolId).map((r) => r.message).join(' | ') }));

export const COMPLIANCE_COLUMNS: CsvColumn<ComplianceCsvRow>[] = [
  { key: 'poolId', header: 'Pool' },
  { key: 'poolName', header: 'Pool name' },
  { key: 'orgName', header: 'Organization' },
  { key: 'sku', header: 'SKU' },
  { key: 'state', header: 'State' },
  { key: 'seats', header: 'Seats' },
  { key: 'assigned', header: 'Assigned' },
  { key: 'available', header: 'Available' },
  { key: 'usagePct', header: 'Usage %' },
  { key: 'overAllocated', header: 'Over-allocated' },
  { key: 'endsAt', header: 'Ends' },
  { key: 'daysLeft', header: 'Days left' },
  { key: 'activeUsers', header: 'Active users' },
  { key: 'utilizationPct', header: 'Utilization %' },
  { key: 'inactiveAssignments', header: 'Inactive seats' },
  { key: 'waiting', header: 'Waiting' },
  { key: 'refusals30d', header: 'Refusals (30 days)' },
  { key: 'recommendations', header: 'Recommendations' },
];
