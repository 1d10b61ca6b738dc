import { PRODUCTS, SKU_PRODUCTS, type Role, type RolePreviewResult } from '@seatwise/shared';
import type { Engine } from '../engine.ts';
import { canAssignFrom, seatsTaken } from '../policy/pool-state.ts';
import { orderPools, type CandidatePool } from '../policy/seat-planner.ts';
import { loadOrgTree } from '../queries/org-tree.ts';
import { loadRules } from './rules.ts';
import { planReconcile, plannedChanges } from './reconcile-plan.ts';
import { refusalOf } from './reconcile-refuse.ts';

/**
 * What setting these roles would do: the seat planner's answer for the same
 * plan a change would make, read without the write lock and writing nothing
 * (the Edit User page asks for one per role on every load). The change itself
 * re-plans under the lock, so a seat taken in between is still refused there.
 */
export async function previewRoles(engine: Engine, userId: string, roles: Role[]): Promise<RolePreviewResult> {
  const { db } = engine;
  const ctx = { tx: db, now: engine.now(), viewer: null, tree: await loadOrgTree(db), rules: await loadRules(db) };
  const plan = await planReconcile(ctx, { userId, roles, mode: 'seatwise', how: 'role_grant' });
  const pools = seatChecks(orderPools(plan.candidates));
  const refusal = await refusalOf(ctx, plan);
  if (refusal) {
    return {
      roles,
      acquire: [],
      release: [],
      ok: false,
      refusal: { code: refusal.code as 'license_limit_reached' | 'product_not_activated', message: refusal.message, product: refusal.details.product as RolePreviewResult['pools'][number]['product'] },
      pools,
    };
  }
  const changes = plannedChanges(plan);
  return {
    roles,
    acquire: changes.filter((ch) => ch.kind === 'acquired' || ch.kind === 'waiting'),
    release: changes.filter((ch) => ch.kind === 'released'),
    ok: true,
    refusal: null,
    pools,
  };
}

/** Per product, the pool a seat would come from (its own single-product pool first) and how many seats it has free. */
function seatChecks(candidates: CandidatePool[]): RolePreviewResult['pools'] {
  return PRODUCTS.map((product) => {
    const best =
      candidates.find((p) => SKU_PRODUCTS[p.sku].length === 1 && SKU_PRODUCTS[p.sku].includes(product) && canAssignFrom(p.state)) ??
      candidates.find((p) => SKU_PRODUCTS[p.sku].includes(product) && canAssignFrom(p.state));
    return best
      ? { product, poolId: best.id, sku: best.sku, seats: best.capacity, assigned: best.assigned, held: best.held, available: Math.max(0, best.capacity - seatsTaken(best)) }
      : { product, poolId: null, sku: null, seats: 0, assigned: 0, held: 0, available: 0 };
  });
}
