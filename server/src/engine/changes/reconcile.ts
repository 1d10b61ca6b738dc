import type { LicenseChange, Role, RuleEntitlement } from '@seatwise/shared';
import type { Tx } from '../../db/client.ts';
import type { OrgTree } from '../queries/org-tree.ts';
import type { PlanMode } from '../policy/seat-planner.ts';
import { applyPlan } from './reconcile-apply.ts';
import { auditPlan } from './reconcile-audit.ts';
import { planReconcile, plannedChanges } from './reconcile-plan.ts';
import { refuseIfAsked } from './reconcile-refuse.ts';

export { isRefusal } from './reconcile-refuse.ts';

/** What every engine operation runs with: one write transaction, one moment, one actor. */
export interface EngineCtx {
  tx: Tx;
  now: Date;
  actorId: string | null;
  /** Organizations whose users advice given back to the actor may name (`null`: all). */
  viewer: Set<string> | null;
  tree: OrgTree;
  rules: Record<Role, RuleEntitlement[]>;
}

/** How a license was claimed; reported in license claims. */
export type ClaimHow = 'role_grant' | 'host_sync' | 'waiting_fulfilled' | 'transfer' | 'renewal_resume' | 'import';

/**
 * A role change as the caller asked it: the whole new set, or roles to add
 * and remove. Add/remove is applied to the roles read inside the write
 * transaction, never to a copy read before it, so two concurrent grants to
 * one user (from any process) both land.
 */
export type RoleChange = Role[] | { add?: Role[]; remove?: Role[] };

export interface ReconcileInput {
  userId: string;
  roles?: RoleChange;
  orgIds?: string[];
  archive?: boolean;
  mode: PlanMode;
  how: ClaimHow;
  /** Plan waiting licenses afresh (serving the queue) instead of leaving them waiting. */
  retryWaiting?: boolean;
}

export interface ReconcileResult {
  changes: LicenseChange[];
  /** True when a seat became free, so waiting users may be served. */
  freedSeat: boolean;
}

/**
 * Brings one user's roles, organizations and licenses to the asked state, or
 * refuses and writes nothing: plan (read and decide), refuse (throw the
 * plan's refusal), apply (write), audit. The single path every role, org and
 * archive change takes, so the rules live in one place.
 */
export async function reconcileUser(ctx: EngineCtx, input: ReconcileInput): Promise<ReconcileResult> {
  const plan = await planReconcile(ctx, input);
  await refuseIfAsked(ctx, plan);
  const { freedSeat } = await applyPlan(ctx, plan);
  await auditPlan(ctx, plan);
  return { changes: plannedChanges(plan), freedSeat };
}
