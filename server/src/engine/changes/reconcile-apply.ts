import { and, eq, inArray, sql } from 'drizzle-orm';
import { assignments, claims, pools, userOrgs, userRoles, users } from '../../db/schema.ts';
import type { ReconcilePlan } from './reconcile-plan.ts';
import type { EngineCtx } from './reconcile.ts';

/**
 * Writes a plan that was not refused: organizations, roles, seats taken,
 * released and waiting, claims, archiving, and each pool's seat counter.
 * Returns whether a seat became free (so waiting users may be served).
 */
export async function applyPlan(ctx: EngineCtx, plan: ReconcilePlan): Promise<{ freedSeat: boolean }> {
  const { tx } = ctx;
  const { user, input } = plan;
  const iso = ctx.now.toISOString();

  if (plan.orgsChanged) {
    await tx.delete(userOrgs).where(eq(userOrgs.userId, user.id));
    await tx.insert(userOrgs).values(plan.nextOrgIds.map((orgId, position) => ({ userId: user.id, orgId, position })));
  }
  if (plan.removedRoles.length) {
    await tx.delete(userRoles).where(and(eq(userRoles.userId, user.id), inArray(userRoles.role, plan.removedRoles)));
  }
  if (plan.addedRoles.length) {
    await tx.insert(userRoles).values(plan.addedRoles.map((role) => ({ userId: user.id, role, grantedAt: iso })));
  }

  const acquiredProducts = new Set(plan.seats.acquire.map((a) => a.product));
  for (const r of plan.release) {
    // A product moving to another pool is rewritten below, not deleted.
    if (!acquiredProducts.has(r.product)) {
      await tx.delete(assignments).where(and(eq(assignments.userId, user.id), eq(assignments.product, r.product)));
    }
  }
  for (const a of plan.seats.acquire) {
    await tx
      .insert(assignments)
      .values({ userId: user.id, product: a.product, poolId: a.poolId, state: 'active', since: iso, waitingSince: null })
      .onConflictDoUpdate({ target: [assignments.userId, assignments.product], set: { poolId: a.poolId, state: 'active', since: iso, waitingSince: null } });
  }
  if (plan.seats.acquire.length) {
    await tx.insert(claims).values(
      plan.seats.acquire.map((a) => ({ at: iso, userId: user.id, orgId: plan.home.id, product: a.product, poolId: a.poolId, sku: a.sku, how: input.how, actorId: ctx.actorId })),
    );
  }
  for (const product of plan.newWaits) {
    await tx
      .insert(assignments)
      .values({ userId: user.id, product, poolId: null, state: 'waiting', since: iso, waitingSince: iso })
      .onConflictDoUpdate({ target: [assignments.userId, assignments.product], set: { poolId: null, state: 'waiting', since: iso, waitingSince: iso } });
  }
  if (plan.archived && user.status !== 'archived') {
    await tx.update(users).set({ status: 'archived', updatedAt: iso }).where(eq(users.id, user.id));
  }

  // Keep each pool's seat counter in step: a user holds at most one seat per pool.
  const seatedBefore = new Set(plan.heldRows.filter((h) => h.poolId).map((h) => h.poolId!));
  const seatedAfter = new Set(
    (await tx.select({ poolId: assignments.poolId }).from(assignments).where(eq(assignments.userId, user.id)))
      .filter((r) => r.poolId)
      .map((r) => r.poolId!),
  );
  let freedSeat = false;
  for (const poolId of new Set([...seatedBefore, ...seatedAfter])) {
    const delta = Number(seatedAfter.has(poolId)) - Number(seatedBefore.has(poolId));
    if (delta !== 0) await tx.update(pools).set({ assigned: sql`${pools.assigned} + ${delta}` }).where(eq(pools.id, poolId));
    if (delta < 0) freedSeat = true;
  }
  return { freedSeat };
}
