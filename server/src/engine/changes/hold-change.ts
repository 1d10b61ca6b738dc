import type { Role } from '@seatwise/shared';
import { requireUserChange, requireVerdict, verdictOn } from '../../http/scope.ts';
import type { SeatHoldRow } from '../../db/schema.ts';
import type { Engine } from '../engine.ts';
import { holdInput, holdPlacement, holdRemoval, placeHold, releaseHold, requireHoldable, type HoldRelease } from './holds.ts';
import { plannedChange, plannedRefusal, plannedWrites, type Changer, type Planned } from './planned-change.ts';
import { decideReconcile } from './reconcile-plan.ts';
import { refusalOf } from './reconcile-refuse.ts';
import type { UserSnapshot } from './user-snapshot.ts';

/**
 * Seat holds as the Edit User quick toggle places and releases them: planned
 * from a snapshot and written in one guarded batch (planned-change.ts), the
 * same decisions as `placeHold` / `releaseHold` under the lock, which they
 * fall back to. The scope rule is applied to the snapshot, which the batch
 * guards.
 */
export function placeHoldAs(engine: Engine, caller: Changer, userId: string, role: Role, ttlMs: number): Promise<SeatHoldRow> {
  return plannedChange(
    engine,
    userId,
    (snap) => planHoldPlacement(engine, caller, userId, role, ttlMs, snap),
    (hold) => hold,
    () => engine.change(caller.userId, async (ctx) => (await requireUserChange(ctx, caller, userId), placeHold(ctx, userId, role, ttlMs)), caller.scope),
  );
}

/** Releases the user's hold for `role`; false (nothing written) when there was none. */
export function releaseHoldAs(engine: Engine, caller: Changer, userId: string, role: Role, why: HoldRelease): Promise<boolean> {
  return plannedChange(
    engine,
    userId,
    (snap) => planHoldRelease(engine, caller, role, why, snap),
    (released) => released,
    () => engine.change(caller.userId, async (ctx) => (await requireUserChange(ctx, caller, userId), releaseHold(ctx, userId, role, why)), caller.scope),
  );
}

export async function planHoldPlacement(engine: Engine, caller: Changer, userId: string, role: Role, ttlMs: number, snap: UserSnapshot): Promise<Planned<SeatHoldRow>> {
  requireVerdict(verdictOn(snap.tree, caller, snap.facts.currentOrgIds), userId);
  const ctx = { now: engine.now(), actorId: caller.userId, viewer: caller.scope, tree: snap.tree, rules: snap.rules };
  const plan = decideReconcile(ctx, holdInput(userId, role, snap.facts.holdRows), snap.facts, snap.poolRows);
  requireHoldable(plan, role);
  const refusal = await refusalOf({ ...ctx, tx: engine.db }, plan);
  if (refusal) return plannedRefusal(snap, plan, caller, refusal, ctx.now);
  const placed = holdPlacement(engine.db, ctx, plan, role, ttlMs);
  // As under the lock, placing (or renewing) a hold does not serve the waiting queue.
  return plannedWrites(snap, { queries: placed.queries, moves: placed.moves, freedSeat: false, at: ctx.now, audit: [placed.audit] }, placed.hold);
}

export async function planHoldRelease(engine: Engine, caller: Changer, role: Role, why: HoldRelease, snap: UserSnapshot): Promise<Planned<boolean>> {
  const { facts } = snap;
  requireVerdict(verdictOn(snap.tree, caller, facts.currentOrgIds), facts.user.id);
  const hold = facts.holdRows.find((h) => h.role === role);
  // No hold: the batch only confirms there is still none (the user's rows are as read).
  if (!hold) return plannedWrites(snap, { queries: [], moves: [], freedSeat: false, at: engine.now(), audit: [] }, false);
  const removal = holdRemoval(engine.db, { actorId: caller.userId }, { orgIds: facts.currentOrgIds, heldRows: facts.heldRows, holdRows: facts.holdRows }, hold, why);
  return plannedWrites(snap, { ...removal, at: engine.now(), audit: [removal.audit] }, true);
}
