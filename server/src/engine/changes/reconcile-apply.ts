import { and, eq, inArray } from 'drizzle-orm';
import { assignments, claims, seatHolds, userOrgs, userRoles, users } from '../../db/schema.ts';
import { moveSeatCounters, userSeats, userSeatsFrom } from './seat-counters.ts';
import type { ReconcilePlan } from './reconcile-plan.ts';
import type { EngineCtx } from './reconcile.ts';

/**
 * Writes a plan that was not refused: organizations, roles, seats taken,
 * released and waiting, claims, archiving, holds ended, and each pool's seat
 * counters.
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

  // Holds whose role is now granted became these assignments; the rest of a moved or archived user's go back.
  const ended = [...plan.holds.converted, ...plan.holds.released].map((h) => h.id);
  if (ended.length) await tx.delete(seatHolds).where(inArray(seatHolds.id, ended));

  const freedSeat = await moveSeatCounters(tx, userSeatsFrom(plan.heldRows.map((h) => h.poolId), plan.holdRows), await userSeats(tx, user.id));
  return { freedSeat };
}
