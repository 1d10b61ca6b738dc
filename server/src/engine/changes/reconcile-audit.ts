import { appendAudit, type AuditEntry } from './audit.ts';
import type { ReconcilePlan } from './reconcile-plan.ts';
import type { EngineCtx } from './reconcile.ts';

/** The audit entries of an applied plan, in the order its writes happened. */
export function planAuditEntries(ctx: Pick<EngineCtx, 'actorId'>, plan: ReconcilePlan): AuditEntry[] {
  const { user, input } = plan;
  const subject = { subjectType: 'user', subjectId: user.id, orgId: plan.home.id, actorId: ctx.actorId };
  return [
    ...(plan.orgsChanged ? [{ ...subject, action: 'user.transfer', before: { orgIds: plan.currentOrgIds }, after: { orgIds: plan.nextOrgIds, source: input.mode } }] : []),
    ...plan.removedRoles.map((role) => ({ ...subject, action: 'role.revoke', before: { role }, after: { source: input.mode } })),
    ...plan.addedRoles.map((role) => ({ ...subject, action: 'role.grant', after: { role, source: input.mode } })),
    ...plan.release.map((r) => ({ ...subject, action: 'license.release', before: { product: r.product, poolId: r.poolId, state: r.state }, after: null })),
    ...plan.seats.acquire.map((a) => ({ ...subject, action: 'license.assign', after: { product: a.product, poolId: a.poolId, state: 'active', how: input.how } })),
    ...plan.newWaits.map((product) => ({ ...subject, action: 'license.wait', after: { product, poolId: null, state: 'waiting' } })),
    ...plan.holds.converted.map((h) => ({ ...subject, action: 'hold.convert', before: { role: h.role, seats: h.seats }, after: { role: h.role, source: input.mode } })),
    ...plan.holds.released.map((h) => ({ ...subject, action: 'hold.release', before: { role: h.role, seats: h.seats }, after: { reason: plan.archived ? 'archived' : 'moved' } })),
    ...(plan.archived && user.status !== 'archived' ? [{ ...subject, action: 'user.archive', before: { status: user.status }, after: { status: 'archived' } }] : []),
  ];
}

/** Appends an applied plan's entries to the audit chain, in the change's own transaction. */
export async function auditPlan(ctx: EngineCtx, plan: ReconcilePlan): Promise<void> {
  await appendAudit(ctx.tx, ctx.now, planAuditEntries(ctx, plan));
}
