import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { assignments, pools, type PoolRow } from '../../db/schema.ts';
import type { OrgTree } from './org-tree.ts';
import { capacity, poolState } from '../policy/pool-state.ts';
import type { CandidatePool } from '../policy/seat-planner.ts';

/**
 * Seats held per pool, counted from the assignments themselves (a combined
 * seat is two rows for one user, counted once): the truth the pools'
 * `assigned` counters are checked against.
 */
export async function seatCounts(db: DbOrTx, poolIds?: string[]): Promise<Map<string, number>> {
  if (poolIds && poolIds.length === 0) return new Map();
  const rows = await db
    .select({ poolId: assignments.poolId, n: sql<number>`count(distinct ${assignments.userId})` })
    .from(assignments)
    .where(poolIds ? inArray(assignments.poolId, poolIds) : sql`${assignments.poolId} is not null`)
    .groupBy(assignments.poolId);
  return new Map(rows.map((r) => [r.poolId!, Number(r.n)]));
}

/** The pools that can license someone whose home is `homeOrgId`: its own and its ancestors'. */
export async function candidatePools(db: DbOrTx, tree: OrgTree, homeOrgId: string, now: Date): Promise<CandidatePool[]> {
  const chain = tree.ancestors(homeOrgId);
  if (chain.length === 0) return [];
  return candidatesFrom(await db.select().from(pools).where(inArray(pools.orgId, chain)), tree, homeOrgId, now);
}

/** The candidate pools among `rows` (pools read already, any others are left out), nearest organization first by depth. */
export function candidatesFrom(rows: PoolRow[], tree: OrgTree, homeOrgId: string, now: Date): CandidatePool[] {
  const chain = tree.ancestors(homeOrgId);
  return rows
    .filter((r) => chain.includes(r.orgId))
    .map((r) => ({
      id: r.id,
      sku: r.sku,
      name: r.name,
      depth: chain.indexOf(r.orgId),
      capacity: capacity(r),
      assigned: r.assigned,
      held: r.held,
      state: poolState(r, now),
      endsAt: r.endsAt,
    }));
}
