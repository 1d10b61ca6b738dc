import type { Role, SeatHold } from '@seatwise/shared';
import { and, asc, count, eq, lte } from 'drizzle-orm';
import { seatHolds, userOrgs, type SeatHoldRow } from '../../db/schema.ts';
import { ApiError } from '../../errors.ts';
import type { Engine } from '../engine.ts';
import { newId } from '../policy/ids.ts';
import { appendAudit } from './audit.ts';
import { planReconcile } from './reconcile-plan.ts';
import { refuseIfAsked } from './reconcile-refuse.ts';
import type { EngineCtx } from './reconcile.ts';
import { moveSeatCounters, userSeats } from './seat-counters.ts';
import { serveWaiting } from './waiting.ts';

/** How long a hold lasts unless the server is told otherwise (`HOLD_TTL_SECONDS`). */
export const DEFAULT_HOLD_TTL_MS = 15 * 60_000;

/** Why a hold ended without becoming an assignment. */
export type HoldRelease = 'unticked' | 'left_page' | 'expired';

/**
 * Reserves the seats `role` would take for `userId`, as a Seatwise grant
 * would (refused the same way, changing nothing), without granting the role:
 * the platform's form has it ticked and its Save is what grants it. Placing a
 * hold the user already has for the role renews it.
 */
export async function placeHold(ctx: EngineCtx, userId: string, role: Role, ttlMs: number): Promise<SeatHoldRow> {
  const { tx, now } = ctx;
  const others = (await tx.select().from(seatHolds).where(eq(seatHolds.userId, userId))).filter((h) => h.role !== role);
  const plan = await planReconcile(ctx, { userId, roles: { add: [role, ...others.map((h) => h.role)] }, mode: 'seatwise', how: 'role_grant' });
  if (plan.archived) throw new ApiError('conflict', `user ${userId} is archived: nothing can be held for them`);
  if (!plan.addedRoles.includes(role)) throw new ApiError('conflict', `user ${userId} already has the ${role} role: there is nothing to hold`, { role });
  await refuseIfAsked(ctx, plan);

  // Seats the user's other holds reserve already are theirs; this hold takes only what is new.
  const covered = new Set(others.flatMap((h) => h.seats.map((s) => s.product)));
  const seats = plan.seats.acquire.filter((a) => !covered.has(a.product)).map(({ product, poolId, sku }) => ({ product, poolId, sku }));
  const before = await userSeats(tx, userId);
  const fields = { seats, actorId: ctx.actorId, placedAt: now.toISOString(), expiresAt: new Date(now.getTime() + ttlMs).toISOString() };
  const [hold] = await tx
    .insert(seatHolds)
    .values({ id: newId('hld'), userId, role, ...fields })
    .onConflictDoUpdate({ target: [seatHolds.userId, seatHolds.role], set: fields })
    .returning();
  await moveSeatCounters(tx, before, await userSeats(tx, userId));
  await appendAudit(tx, now, [
    { actorId: ctx.actorId, action: 'hold.place', subjectType: 'user', subjectId: userId, orgId: plan.home.id, after: { role, seats, expiresAt: fields.expiresAt } },
  ]);
  return hold!;
}

/** Ends a hold without granting: its seats go back (and may serve the waiting queue). False when there was none. */
export async function releaseHold(ctx: EngineCtx, userId: string, role: Role, why: HoldRelease): Promise<boolean> {
  const { tx, now } = ctx;
  const before = await userSeats(tx, userId);
  const [hold] = await tx.delete(seatHolds).where(and(eq(seatHolds.userId, userId), eq(seatHolds.role, role))).returning();
  if (!hold) return false;
  const freed = await moveSeatCounters(tx, before, await userSeats(tx, userId));
  const [home] = await tx.select({ orgId: userOrgs.orgId }).from(userOrgs).where(eq(userOrgs.userId, userId)).orderBy(asc(userOrgs.position)).limit(1);
  await appendAudit(tx, now, [
    {
      actorId: ctx.actorId,
      action: why === 'expired' ? 'hold.expire' : 'hold.release',
      subjectType: 'user',
      subjectId: userId,
      orgId: home?.orgId ?? null,
      before: { role, seats: hold.seats, expiresAt: hold.expiresAt },
      after: { reason: why },
    },
  ]);
  if (freed) await serveWaiting(ctx);
  return true;
}

/** A hold as the API shows it. */
export const holdView = ({ actorId: _actor, ...hold }: SeatHoldRow): SeatHold => hold;

export async function holdsOf(db: Engine['db'], userId: string): Promise<SeatHold[]> {
  return (await db.select().from(seatHolds).where(eq(seatHolds.userId, userId)).orderBy(asc(seatHolds.placedAt))).map(holdView);
}

/**
 * Releases every hold past its expiry. Any number of processes may sweep:
 * the due holds are read and deleted under the write lock, so each expires
 * (and is audited) exactly once. A cheap read first keeps an idle sweep off
 * the lock.
 */
export async function expireHolds(engine: Engine): Promise<number> {
  const [due] = await engine.db.select({ n: count() }).from(seatHolds).where(lte(seatHolds.expiresAt, engine.now().toISOString()));
  if (!due?.n) return 0;
  return engine.change(null, async (ctx) => {
    const rows = await ctx.tx.select().from(seatHolds).where(lte(seatHolds.expiresAt, ctx.now.toISOString()));
    for (const h of rows) await releaseHold(ctx, h.userId, h.role, 'expired');
    return rows.length;
  });
}
