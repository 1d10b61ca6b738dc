import type { LicenseChange } from '@seatwise/shared';
import { requireUserChange, requireVerdict, verdictOn } from '../../http/scope.ts';
import { reconcileInTx, type Engine } from '../engine.ts';
import { asFullGuards, plannedChange, plannedRefusal, plannedWrites, type Changer, type Planned } from './planned-change.ts';
import { planAuditEntries } from './reconcile-audit.ts';
import { planWrites } from './reconcile-apply.ts';
import { decideReconcile, plannedChanges } from './reconcile-plan.ts';
import { refusalOf } from './reconcile-refuse.ts';
import type { ReconcileInput } from './reconcile.ts';
import type { UserSnapshot } from './user-snapshot.ts';

/**
 * A role change to one user as `caller` asked it (PUT/DELETE a role, a role
 * set, a host Save), planned from a snapshot and written in one guarded
 * batch (planned-change.ts). Same rules as the locked path (`reconcileInTx`),
 * which it falls back to.
 */
export function changeRoles(engine: Engine, caller: Changer, input: ReconcileInput): Promise<LicenseChange[]> {
  return plannedChange(
    engine,
    input.userId,
    (snap) => planRoleChange(engine, caller, input, snap),
    () =>
      engine.change(
        caller.userId,
        async (ctx) => {
          await requireUserChange(ctx, caller, input.userId);
          return reconcileInTx(ctx, input);
        },
        caller.scope,
      ),
  );
}

/**
 * One plan from one snapshot and the batch that writes it, guarded by what
 * it assumed (planned-change.ts), and for a license left waiting, that the
 * home's pools are as full as read. Throws the scope rule's 404/403.
 */
export async function planRoleChange(engine: Engine, caller: Changer, input: ReconcileInput, snap: UserSnapshot): Promise<Planned<LicenseChange[]>> {
  requireVerdict(verdictOn(snap.tree, caller, snap.facts.currentOrgIds), input.userId);
  const ctx = { now: engine.now(), actorId: caller.userId, viewer: caller.scope, tree: snap.tree, rules: snap.rules };
  const plan = decideReconcile(ctx, input, snap.facts, snap.poolRows);
  const refusal = await refusalOf({ ...ctx, tx: engine.db }, plan);
  if (refusal) return plannedRefusal(snap, plan, caller, refusal, ctx.now);
  const writes = planWrites(engine.db, ctx, plan);
  return plannedWrites(
    snap,
    { ...writes, before: plan.newWaits.length ? asFullGuards(snap, plan) : [], at: ctx.now, audit: planAuditEntries(ctx, plan) },
    plannedChanges(plan),
  );
}
