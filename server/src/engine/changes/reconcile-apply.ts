import { and, eq, inArray, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from '../../db/client.ts';
import { assignments, claims, seatHolds, userOrgs, userRoles, users } from '../../db/schema.ts';
import { compiledWrite } from './compiled-write.ts';
import { counterUpdates, seatMoves, userSeatsFrom, type SeatMove, type UserSeats } from './seat-counters.ts';
import type { ReconcilePlan } from './reconcile-plan.ts';
import type { EngineCtx } from './reconcile.ts';

/** A drizzle query built but not run: awaiting it runs it; `toSQL()` gives its statement for a batch. */
export type WriteQuery = PromiseLike<unknown> & { toSQL(): { sql: string; params: unknown[] } };

/** A plan's writes, built but not run: a transaction awaits them in turn, a write batch sends them at once. */
/** `insert into table (columns) values (each bound)`, its text built once. */
const rowInsert = <K extends string>(table: SQLiteTable, columns: Record<K, SQLiteColumn>) =>
  compiledWrite(Object.keys(columns) as K[], (v) => sql`insert into ${table} (${sql.join(Object.values<SQLiteColumn>(columns).map((c) => sql.identifier(c.name)), sql`, `)}) values (${sql.join(Object.keys(columns).map((k) => sql`${v[k as K]}`), sql`, `)})`);

const insertRole = rowInsert(userRoles, { userId: userRoles.userId, role: userRoles.role, grantedAt: userRoles.grantedAt });

const insertClaim = rowInsert(claims, { at: claims.at, userId: claims.userId, orgId: claims.orgId, product: claims.product, poolId: claims.poolId, sku: claims.sku, how: claims.how, actorId: claims.actorId });

/** The user's license of `product` is now active in `poolId` (a new row, or the one they had moved or woken). */
const activeLicense = compiledWrite(
  ['userId', 'product', 'poolId', 'since'],
  (v) => sql`insert into ${assignments} (user_id, product, pool_id, state, since, waiting_since) values (${v.userId}, ${v.product}, ${v.poolId}, 'active', ${v.since}, null)
    on conflict (user_id, product) do update set pool_id = excluded.pool_id, state = 'active', since = excluded.since, waiting_since = null`,
);

export interface PlanWrites {
  queries: WriteQuery[];
  /** The pools' counters moving with them (their updates are the last queries). */
  moves: SeatMove[];
  /** True when a seat became free, so waiting users may be served. */
  freedSeat: boolean;
}

/**
 * The writes of a plan that was not refused: organizations, roles, seats
 * taken, released and waiting, claims, archiving, holds ended, and each
 * pool's seat counters, built on `exec`. Decided from the plan alone (no
 * reads), so the same writes serve the locked path and a write batch.
 */
export function planWrites(exec: DbOrTx, ctx: Pick<EngineCtx, 'now' | 'actorId'>, plan: ReconcilePlan): PlanWrites {
  const { user, input } = plan;
  const iso = ctx.now.toISOString();
  const queries: PlanWrites['queries'] = [];

  if (plan.orgsChanged) {
    queries.push(exec.delete(userOrgs).where(eq(userOrgs.userId, user.id)));
    queries.push(exec.insert(userOrgs).values(plan.nextOrgIds.map((orgId, position) => ({ userId: user.id, orgId, position }))));
  }
  if (plan.removedRoles.length) {
    queries.push(exec.delete(userRoles).where(and(eq(userRoles.userId, user.id), inArray(userRoles.role, plan.removedRoles))));
  }
  if (plan.addedRoles.length) {
    for (const role of plan.addedRoles) queries.push(insertRole(exec, { userId: user.id, role, grantedAt: iso }));
  }

  const acquiredProducts = new Set(plan.seats.acquire.map((a) => a.product));
  for (const r of plan.release) {
    // A product moving to another pool is rewritten below, not deleted.
    if (!acquiredProducts.has(r.product)) {
      queries.push(exec.delete(assignments).where(and(eq(assignments.userId, user.id), eq(assignments.product, r.product))));
    }
  }
  for (const a of plan.seats.acquire) queries.push(activeLicense(exec, { userId: user.id, product: a.product, poolId: a.poolId, since: iso }));
  for (const a of plan.seats.acquire) {
    queries.push(insertClaim(exec, { at: iso, userId: user.id, orgId: plan.home.id, product: a.product, poolId: a.poolId, sku: a.sku, how: input.how, actorId: ctx.actorId }));
  }
  for (const product of plan.newWaits) {
    queries.push(
      exec
        .insert(assignments)
        .values({ userId: user.id, product, poolId: null, state: 'waiting', since: iso, waitingSince: iso })
        .onConflictDoUpdate({ target: [assignments.userId, assignments.product], set: { poolId: null, state: 'waiting', since: iso, waitingSince: iso } }),
    );
  }
  if (plan.archived && user.status !== 'archived') {
    queries.push(exec.update(users).set({ status: 'archived', updatedAt: iso }).where(eq(users.id, user.id)));
  }

  // Holds whose role is now granted became these assignments; the rest of a moved or archived user's go back.
  const ended = endedHolds(plan);
  if (ended.size) queries.push(exec.delete(seatHolds).where(inArray(seatHolds.id, [...ended])));

  const { moves, freed } = seatMoves(userSeatsFrom(plan.heldRows.map((h) => h.poolId), plan.holdRows), plannedSeats(plan));
  queries.push(...counterUpdates(exec, moves));
  return { queries, moves, freedSeat: freed };
}

/** Writes a plan that was not refused, in the caller's transaction. */
export async function applyPlan(ctx: EngineCtx, plan: ReconcilePlan): Promise<{ freedSeat: boolean }> {
  const { queries, freedSeat } = planWrites(ctx.tx, ctx, plan);
  for (const query of queries) await query;
  return { freedSeat };
}

const endedHolds = (plan: ReconcilePlan) => new Set([...plan.holds.converted, ...plan.holds.released].map((h) => h.id));

/** The pools the user takes a seat in once the plan is written: assignments kept, moved or taken, and the holds it leaves. */
function plannedSeats(plan: ReconcilePlan): UserSeats {
  const poolOf = new Map(plan.heldRows.map((h) => [h.product, h.poolId]));
  const acquired = new Set(plan.seats.acquire.map((a) => a.product));
  for (const r of plan.release) if (!acquired.has(r.product)) poolOf.delete(r.product);
  for (const a of plan.seats.acquire) poolOf.set(a.product, a.poolId);
  for (const product of plan.newWaits) poolOf.set(product, null);
  const ended = endedHolds(plan);
  return userSeatsFrom([...poolOf.values()], plan.holdRows.filter((h) => !ended.has(h.id)));
}
