import type { LicenseChange, User } from '@seatwise/shared';
import { requireUserChange, requireVerdict, verdictOn } from '../../http/scope.ts';
import { reconcileInTx, type Engine } from '../engine.ts';
import { asFullGuards, plannedChange, plannedRefusal, plannedWrites, type Changer, type Planned } from './planned-change.ts';
import { planAuditEntries } from './reconcile-audit.ts';
import { planWrites } from './reconcile-apply.ts';
import { decideReconcile, plannedChanges } from './reconcile-plan.ts';
import { refusalOf } from './reconcile-refuse.ts';
import type { ReconcileInput } from './reconcile.ts';
import type { UserSnapshot } from './user-snapshot.ts';
import { userViewFrom, userViewRead, userViews } from '../queries/user-views.ts';

/**
 * A role change to one user as `caller` asked it (PUT/DELETE a role, a role
 * set, a host Save), planned from a snapshot and written in one guarded
 * batch (planned-change.ts). Same rules as the locked path (`reconcileInTx`),
 * which it falls back to.
 */
export function changeRoles(engine: Engine, caller: Changer, input: ReconcileInput): Promise<RoleChangeResult> {
  return plannedChange(
    engine,
    input.userId,
    (snap) => planRoleChange(engine, caller, input, snap),
    async (changes, view) => ({ changes, user: viewOf(await userViewFrom(view, engine.now())) }),
    () =>
      engine.change(
        caller.userId,
        async (ctx) => {
          await requireUserChange(ctx, caller, input.userId);
          const changes = await reconcileInTx(ctx, input);
          return { changes, user: viewOf((await userViews(ctx.tx, [input.userId], ctx.now)).get(input.userId)) };
        },
        caller.scope,
      ),
  );
}

/** What a role change answers: what changed, and the user as the change left them. */
export interface RoleChangeResult {
  changes: LicenseChange[];
  user: User;
}

/** A role change never removes its user: the view is there (read in the change's own transaction). */
function viewOf(user: User | undefined): User {
  if (!user) throw new Error('the changed user has no view');
  return user;
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
    { ...writes, before: plan.newWaits.length ? asFullGuards(snap, plan) : [], at: ctx.now, audit: planAuditEntries(ctx, plan), answer: userViewRead(input.userId) },
    plannedChanges(plan),
  );
}
