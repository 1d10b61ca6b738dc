import type { LicenseChange } from '@seatwise/shared';
import { sql } from 'drizzle-orm';
import type { Caller } from '../../http/context.ts';
import { requireUserChange, requireVerdict, verdictOn } from '../../http/scope.ts';
import type { ApiError } from '../../errors.ts';
import { reconcileInTx, refusalEntry, type Engine } from '../engine.ts';
import { guard, isStalePlan, poolAsRead, poolCountIn, poolHasRoom, someoneWaits, statementOf, treeAndRulesFingerprint, unchanged, userFingerprint } from './plan-guards.ts';
import { planAuditEntries } from './reconcile-audit.ts';
import { planWrites } from './reconcile-apply.ts';
import { decideReconcile, plannedChanges } from './reconcile-plan.ts';
import { refusalOf } from './reconcile-refuse.ts';
import type { ReconcileInput } from './reconcile.ts';
import { readUserSnapshot, type UserSnapshot } from './user-snapshot.ts';
import { writeBatch, type BatchChange } from './write-batch.ts';

/** Who asks: audited as `userId`, checked by the scope rule, advice limited to `scope`. */
export type RoleChanger = Pick<Caller, 'userId' | 'authority' | 'homeOrgId' | 'scope'>;

/** Plans made from a snapshot that went stale before they were written, after which the change takes the write lock instead. */
const MAX_PLANS = 8;

/**
 * A role change to one user as `caller` asked it (PUT/DELETE a role, a role
 * set, a host Save): planned from a snapshot read without the write lock,
 * then written in one atomic write batch whose guards re-check what the plan
 * assumed. A stale plan changes nothing and is planned again from a fresh
 * read. Same rules as the locked path (`reconcileInTx`), which it falls back
 * to when a freed seat must serve waiting users in the same transaction, or
 * when plans keep going stale.
 */
export async function changeRoles(engine: Engine, caller: RoleChanger, input: ReconcileInput): Promise<LicenseChange[]> {
  for (let attempt = 0; attempt < MAX_PLANS; attempt++) {
    const planned = await planRoleChange(engine, caller, input, await readUserSnapshot(engine.db, input.userId));
    if (planned.kind === 'locked') break;
    try {
      await writeBatch(engine.db, planned.batch);
    } catch (error) {
      if (isStalePlan(error)) continue;
      throw error;
    }
    if (planned.kind === 'refused') throw planned.refusal;
    return planned.changes;
  }
  return engine.change(
    caller.userId,
    async (ctx) => {
      await requireUserChange(ctx, caller, input.userId);
      return reconcileInTx(ctx, input);
    },
    caller.scope,
  );
}

export type PlannedRoleChange =
  | { kind: 'changed'; batch: BatchChange; changes: LicenseChange[] }
  /** The refusal, audited by the batch if it still holds when written. */
  | { kind: 'refused'; batch: BatchChange; refusal: ApiError }
  /** Only the locked path can make this change. */
  | { kind: 'locked' };

/**
 * One plan from one snapshot, and the batch that writes it. The guards: the
 * user's rows and the tree and rules are as read (so the scope rule's
 * verdict and the products needed still stand); each pool a seat is taken
 * from has room with it counted; a freed seat has no one waiting for it; and
 * for a refusal or a license left waiting, the home's pools are still exactly
 * as full as read. Throws the scope
 * rule's 404/403 (nothing to write).
 */
export async function planRoleChange(engine: Engine, caller: RoleChanger, input: ReconcileInput, snap: UserSnapshot): Promise<PlannedRoleChange> {
  requireVerdict(verdictOn(snap.tree, caller, snap.facts.currentOrgIds), input.userId);
  const ctx = { now: engine.now(), actorId: caller.userId, viewer: caller.scope, tree: snap.tree, rules: snap.rules };
  const plan = decideReconcile(ctx, input, snap.facts, snap.poolRows);
  const assumed = [unchanged('user', userFingerprint(input.userId), snap.fingerprints.user), unchanged('tree and rules', treeAndRulesFingerprint, snap.fingerprints.treeAndRules)];

  // A refusal, or a license left waiting, stands only while the home's pools are as full as read.
  const chain = snap.tree.ancestors(plan.home.id);
  const candidates = snap.poolRows.filter((p) => chain.includes(p.orgId));
  const asFull = [...candidates.map(poolAsRead), poolCountIn(chain, candidates.length)];

  const refusal = await refusalOf({ ...ctx, tx: engine.db }, plan);
  if (refusal) {
    return { kind: 'refused', refusal, batch: { statements: [...assumed, ...asFull].map(statementOf), at: ctx.now, audit: [refusalEntry(caller.userId, refusal)] } };
  }

  const writes = planWrites(engine.db, ctx, plan);
  // A freed seat serves the waiting queue in the change's own transaction: the locked path does that.
  if (writes.freedSeat && snap.someoneWaits) return { kind: 'locked' };
  const poolRow = new Map(snap.poolRows.map((p) => [p.id, p]));
  const statements = [
    ...assumed,
    ...(plan.newWaits.length ? asFull : []),
    ...(writes.freedSeat ? [guard('nobody waiting', sql`NOT ${someoneWaits}`)] : []),
    ...writes.queries,
    ...writes.moves.filter((m) => m.assigned + m.held > 0).map((m) => poolHasRoom(poolRow.get(m.poolId)!)),
  ].map(statementOf);
  return { kind: 'changed', changes: plannedChanges(plan), batch: { statements, at: ctx.now, audit: planAuditEntries(ctx, plan) } };
}
