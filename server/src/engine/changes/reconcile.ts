import { PRODUCT_LABELS, SKU_LABELS, withArticle, type LicenseChange, type Product, type Role, type RuleEntitlement, type Sku } from '@seatwise/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { assignments, claims, pools, userOrgs, userRoles, users } from '../../db/schema.ts';
import { ApiError } from '../../errors.ts';
import { appendAudit, type AuditEntry } from './audit.ts';
import { candidatePools } from '../queries/candidate-pools.ts';
import { inactiveHolders } from '../queries/inactive-holders.ts';
import { poolLabel } from '../queries/pool-label.ts';
import { neededProducts } from '../policy/entitlements.ts';
import type { OrgTree } from '../queries/org-tree.ts';
import { planSeats, type HeldLicense, type PlanMode } from '../policy/seat-planner.ts';

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
 * refuses and writes nothing. The single path every role, org and archive
 * change takes, so the rules live in one place.
 */
export async function reconcileUser(ctx: EngineCtx, input: ReconcileInput): Promise<ReconcileResult> {
  const { tx, now, tree } = ctx;
  const [user] = await tx.select().from(users).where(eq(users.id, input.userId));
  if (!user) throw new ApiError('not_found', 'user not found');
  const currentOrgIds = (
    await tx.select({ orgId: userOrgs.orgId }).from(userOrgs).where(eq(userOrgs.userId, user.id)).orderBy(userOrgs.position)
  ).map((r) => r.orgId);
  const currentRoles = (await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, user.id))).map((r) => r.role);
  const heldRows = await tx.select().from(assignments).where(eq(assignments.userId, user.id));

  const nextRoles = applyRoleChange(currentRoles, input.roles);
  const nextOrgIds = input.orgIds ? [...new Set(input.orgIds)] : currentOrgIds;
  const archived = input.archive === true || user.status === 'archived';
  const home = tree.get(nextOrgIds[0] ?? '');
  if (!home) throw new ApiError('invalid_request', 'the user has no home organization', { issues: [{ path: ['orgIds'], message: 'unknown organization' }] });

  const needs = archived ? { products: new Set<Product>(), notActivated: new Set<Product>() } : neededProducts(nextRoles, ctx.rules, home.products);
  const addedRoles = nextRoles.filter((r) => !currentRoles.includes(r));
  const orgsChanged = nextOrgIds.join() !== currentOrgIds.join();

  if (input.mode === 'seatwise' && !archived) {
    const asked = neededProducts(addedRoles, ctx.rules, home.products).notActivated;
    const product = [...asked][0];
    if (product) {
      throw refusal(
        user.id,
        home.id,
        new ApiError('product_not_activated', `${home.name} has not activated ${PRODUCT_LABELS[product]}, so the role cannot take ${withArticle(PRODUCT_LABELS[product])} license.`, { product, orgId: home.id }),
      );
    }
  }

  const candidates = await candidatePools(tx, tree, home.id, now);
  const poolIds = new Set(candidates.map((p) => p.id));
  // After a move, seats from pools the new home cannot draw from go back.
  const stranded = heldRows.filter((h) => h.poolId && !poolIds.has(h.poolId));
  const held: HeldLicense[] = heldRows
    .filter((h) => !stranded.includes(h) && !(input.retryWaiting && h.state === 'waiting'))
    .map((h) => ({ product: h.product, poolId: h.poolId, state: h.state }));
  const plan = planSeats({ held, needs: needs.products, pools: candidates, mode: input.mode });

  if (plan.refusal) {
    const { product, pool } = plan.refusal;
    const seats = pool?.capacity ?? 0;
    const assigned = pool?.assigned ?? 0;
    const suggestions = pool ? await inactiveHolders(tx, pool.id, now, ctx.viewer) : [];
    const where = pool ? `${poolLabel(pool)} (${SKU_LABELS[pool.sku]}, ${assigned} of ${seats} seats assigned)` : `any pool of ${home.name}`;
    throw refusal(
      user.id,
      home.id,
      new ApiError(
        'license_limit_reached',
        `No ${PRODUCT_LABELS[product]} seat is free in ${where}. Release a seat${suggestions.length ? ` (e.g. an inactive holder)` : ''}, add seats or renew the pool.`,
        { product, poolId: pool?.id ?? null, sku: pool?.sku ?? null, seats, assigned, suggestions },
      ),
    );
  }

  // ---- write the plan ----
  const audit: AuditEntry[] = [];
  const subject = { subjectType: 'user', subjectId: user.id, orgId: home.id, actorId: ctx.actorId };
  const iso = now.toISOString();

  if (orgsChanged) {
    await tx.delete(userOrgs).where(eq(userOrgs.userId, user.id));
    await tx.insert(userOrgs).values(nextOrgIds.map((orgId, position) => ({ userId: user.id, orgId, position })));
    audit.push({ ...subject, action: 'user.transfer', before: { orgIds: currentOrgIds }, after: { orgIds: nextOrgIds, source: input.mode } });
  }
  const removedRoles = currentRoles.filter((r) => !nextRoles.includes(r));
  if (removedRoles.length) {
    await tx.delete(userRoles).where(and(eq(userRoles.userId, user.id), inArray(userRoles.role, removedRoles)));
    for (const role of removedRoles) audit.push({ ...subject, action: 'role.revoke', before: { role }, after: { source: input.mode } });
  }
  if (addedRoles.length) {
    await tx.insert(userRoles).values(addedRoles.map((role) => ({ userId: user.id, role, grantedAt: iso })));
    for (const role of addedRoles) audit.push({ ...subject, action: 'role.grant', after: { role, source: input.mode } });
  }

  const changes: LicenseChange[] = [];
  const skuOf = await poolSkus(tx, heldRows.map((h) => h.poolId));
  const releaseRows = [...stranded.map((h) => ({ product: h.product, poolId: h.poolId, state: h.state })), ...plan.release];
  const acquiredProducts = new Set(plan.acquire.map((a) => a.product));
  for (const r of releaseRows) {
    // A product moving to another pool is rewritten below, not deleted.
    if (!acquiredProducts.has(r.product)) {
      await tx.delete(assignments).where(and(eq(assignments.userId, user.id), eq(assignments.product, r.product)));
    }
    changes.push({ kind: 'released', product: r.product, poolId: r.poolId, sku: r.poolId ? (skuOf.get(r.poolId) ?? null) : null });
    audit.push({ ...subject, action: 'license.release', before: { product: r.product, poolId: r.poolId, state: r.state }, after: null });
  }
  for (const a of plan.acquire) {
    await tx
      .insert(assignments)
      .values({ userId: user.id, product: a.product, poolId: a.poolId, state: 'active', since: iso, waitingSince: null })
      .onConflictDoUpdate({ target: [assignments.userId, assignments.product], set: { poolId: a.poolId, state: 'active', since: iso, waitingSince: null } });
    changes.push({ kind: 'acquired', product: a.product, poolId: a.poolId, sku: a.sku });
    audit.push({ ...subject, action: 'license.assign', after: { product: a.product, poolId: a.poolId, state: 'active', how: input.how } });
  }
  if (plan.acquire.length) {
    await tx.insert(claims).values(
      plan.acquire.map((a) => ({ at: iso, userId: user.id, orgId: home.id, product: a.product, poolId: a.poolId, sku: a.sku, how: input.how, actorId: ctx.actorId })),
    );
  }
  for (const product of plan.wait) {
    if (heldRows.some((h) => h.product === product && h.state === 'waiting')) continue;
    await tx
      .insert(assignments)
      .values({ userId: user.id, product, poolId: null, state: 'waiting', since: iso, waitingSince: iso })
      .onConflictDoUpdate({ target: [assignments.userId, assignments.product], set: { poolId: null, state: 'waiting', since: iso, waitingSince: iso } });
    changes.push({ kind: 'waiting', product, poolId: null, sku: null });
    audit.push({ ...subject, action: 'license.wait', after: { product, poolId: null, state: 'waiting' } });
  }
  if (archived && user.status !== 'archived') {
    await tx.update(users).set({ status: 'archived', updatedAt: iso }).where(eq(users.id, user.id));
    audit.push({ ...subject, action: 'user.archive', before: { status: user.status }, after: { status: 'archived' } });
  }
  await appendAudit(tx, now, audit);

  // Keep each pool's seat counter in step: a user holds at most one seat per pool.
  const seatedBefore = new Set(heldRows.filter((h) => h.poolId).map((h) => h.poolId!));
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
  return { changes, freedSeat };
}

function applyRoleChange(current: Role[], change: RoleChange | undefined): Role[] {
  if (!change) return current;
  if (Array.isArray(change)) return [...new Set(change)];
  return [...new Set([...current, ...(change.add ?? [])])].filter((r) => !change.remove?.includes(r));
}

/** Refusals name the user so the engine can audit them after the rollback. */
function refusal(userId: string, orgId: string, error: ApiError): ApiError {
  Object.assign(error.details, { userId, orgId });
  return error;
}

export const isRefusal = (e: unknown): e is ApiError =>
  e instanceof ApiError && (e.code === 'license_limit_reached' || e.code === 'product_not_activated');

async function poolSkus(tx: Tx, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map<string, Sku>();
  const rows = await tx.select({ id: pools.id, sku: pools.sku }).from(pools).where(inArray(pools.id, wanted));
  return new Map(rows.map((r) => [r.id, r.sku]));
}
