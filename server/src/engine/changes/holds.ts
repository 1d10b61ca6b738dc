import type { Role, SeatHold } from '@seatwise/shared';
import { asc, count, eq, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { seatHolds, type SeatHoldRow } from '../../db/schema.ts';
import { ApiError } from '../../errors.ts';
import type { Engine } from '../engine.ts';
import { newId } from '../policy/ids.ts';
import { appendAudit, type AuditEntry } from './audit.ts';
import type { WriteQuery } from './reconcile-apply.ts';
import { planReconcile, userFactQueries, type ReconcilePlan } from './reconcile-plan.ts';
import { refuseIfAsked } from './reconcile-refuse.ts';
import type { EngineCtx, ReconcileInput } from './reconcile.ts';
import { counterUpdates, seatMoves, userSeatsFrom } from './seat-counters.ts';
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
  const holdRows = await ctx.tx.select().from(seatHolds).where(eq(seatHolds.userId, userId));
  const plan = await planReconcile(ctx, holdInput(userId, role, holdRows));
  requireHoldable(plan, role);
  await refuseIfAsked(ctx, plan);
  const placed = holdPlacement(ctx.tx, ctx, plan, role, ttlMs);
  for (const query of placed.queries) await query;
  await appendAudit(ctx.tx, ctx.now, [placed.audit]);
  return placed.hold;
}

/** A hold for `role` is planned as a grant of it and of the roles the user's other holds are for (their seats are theirs already). */
export const holdInput = (userId: string, role: Role, holdRows: SeatHoldRow[]): ReconcileInput => ({
  userId,
  roles: { add: [role, ...holdRows.filter((h) => h.role !== role).map((h) => h.role)] },
  mode: 'seatwise',
  how: 'role_grant',
});

/** Throws when there is nothing to hold: the user is archived, or has the role already. */
export function requireHoldable(plan: ReconcilePlan, role: Role): void {
  const userId = plan.user.id;
  if (plan.archived) throw new ApiError('conflict', `user ${userId} is archived: nothing can be held for them`);
  if (!plan.addedRoles.includes(role)) throw new ApiError('conflict', `user ${userId} already has the ${role} role: there is nothing to hold`, { role });
}

/**
 * The hold a plan places (not refused), decided from the plan alone: its
 * row, the writes (the hold, the pools' counters) built on `exec`, and the
 * audit entry. The hold takes only the seats the user's other holds do not
 * reserve already.
 */
export function holdPlacement(exec: DbOrTx, ctx: Pick<EngineCtx, 'now' | 'actorId'>, plan: ReconcilePlan, role: Role, ttlMs: number) {
  const { now } = ctx;
  const userId = plan.user.id;
  const others = plan.holdRows.filter((h) => h.role !== role);
  const covered = new Set(others.flatMap((h) => h.seats.map((s) => s.product)));
  const seats = plan.seats.acquire.filter((a) => !covered.has(a.product)).map(({ product, poolId, sku }) => ({ product, poolId, sku }));
  const fields = { seats, actorId: ctx.actorId, placedAt: now.toISOString(), expiresAt: new Date(now.getTime() + ttlMs).toISOString() };
  const hold: SeatHoldRow = { id: plan.holdRows.find((h) => h.role === role)?.id ?? newId('hld'), userId, role, ...fields };
  const assigned = plan.heldRows.map((h) => h.poolId);
  const { moves } = seatMoves(userSeatsFrom(assigned, plan.holdRows), userSeatsFrom(assigned, [...others, hold]));
  const audit: AuditEntry = { actorId: ctx.actorId, action: 'hold.place', subjectType: 'user', subjectId: userId, orgId: plan.home.id, after: { role, seats, expiresAt: fields.expiresAt } };
  const queries: WriteQuery[] = [
    exec.insert(seatHolds).values(hold).onConflictDoUpdate({ target: [seatHolds.userId, seatHolds.role], set: fields }),
    ...counterUpdates(exec, moves),
  ];
  return { hold, queries, moves, audit };
}

/** Ends a hold without granting: its seats go back (and may serve the waiting queue). False when there was none. */
export async function releaseHold(ctx: EngineCtx, userId: string, role: Role, why: HoldRelease): Promise<boolean> {
  const { tx, now } = ctx;
  const [, orgRows, , heldRows, holdRows] = userFactQueries(tx, userId);
  const user = { orgIds: (await orgRows).map((r) => r.orgId), heldRows: await heldRows, holdRows: await holdRows };
  const hold = user.holdRows.find((h) => h.role === role);
  if (!hold) return false;
  const removal = holdRemoval(tx, ctx, user, hold, why);
  for (const query of removal.queries) await query;
  await appendAudit(tx, now, [removal.audit]);
  if (removal.freedSeat) await serveWaiting(ctx);
  return true;
}

/** Ending `hold` (one of the user's, as read), decided from what was read: the writes built on `exec`, the pools' counters, the audit entry. */
export function holdRemoval(
  exec: DbOrTx,
  ctx: Pick<EngineCtx, 'actorId'>,
  user: { orgIds: string[]; heldRows: { poolId: string | null }[]; holdRows: SeatHoldRow[] },
  hold: SeatHoldRow,
  why: HoldRelease,
) {
  const assigned = user.heldRows.map((h) => h.poolId);
  const { moves, freed } = seatMoves(userSeatsFrom(assigned, user.holdRows), userSeatsFrom(assigned, user.holdRows.filter((h) => h.id !== hold.id)));
  const audit: AuditEntry = {
    actorId: ctx.actorId,
    action: why === 'expired' ? 'hold.expire' : 'hold.release',
    subjectType: 'user',
    subjectId: hold.userId,
    orgId: user.orgIds[0] ?? null,
    before: { role: hold.role, seats: hold.seats, expiresAt: hold.expiresAt },
    after: { reason: why },
  };
  const queries: WriteQuery[] = [exec.delete(seatHolds).where(eq(seatHolds.id, hold.id)), ...counterUpdates(exec, moves)];
  return { queries, moves, freedSeat: freed, audit };
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
