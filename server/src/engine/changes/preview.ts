import { PRODUCTS, SKU_PRODUCTS, type Role, type RolePreviewResult } from '@seatwise/shared';
import { eq } from 'drizzle-orm';
import { userOrgs } from '../../db/schema.ts';
import { withWriteTx } from '../../db/write-tx.ts';
import { ApiError } from '../../errors.ts';
import { candidatePools } from '../queries/candidate-pools.ts';
import type { Engine } from '../engine.ts';
import { canAssignFrom } from '../policy/pool-state.ts';
import { isRefusal, reconcileUser } from './reconcile.ts';
import { orderPools } from '../policy/seat-planner.ts';

class Rollback extends Error {
  constructor(readonly result: RolePreviewResult) {
    super('preview rollback');
  }
}

/**
 * What setting these roles would do, computed by running the real change and
 * rolling it back: a preview can never disagree with the change it predicts.
 */
export async function previewRoles(engine: Engine, userId: string, roles: Role[]): Promise<RolePreviewResult> {
  try {
    await withWriteTx(engine.db, async (tx) => {
      const ctx = await engine.context(tx, null);
      const [home] = await tx.select({ orgId: userOrgs.orgId }).from(userOrgs).where(eq(userOrgs.userId, userId)).orderBy(userOrgs.position).limit(1);
      const candidates = home ? orderPools(await candidatePools(tx, ctx.tree, home.orgId, ctx.now)) : [];
      const pools: RolePreviewResult['pools'] = PRODUCTS.map((product) => {
        const best = candidates.find((p) => SKU_PRODUCTS[p.sku].length === 1 && SKU_PRODUCTS[p.sku].includes(product) && canAssignFrom(p.state)) ??
          candidates.find((p) => SKU_PRODUCTS[p.sku].includes(product) && canAssignFrom(p.state));
        return best
          ? { product, poolId: best.id, sku: best.sku, seats: best.capacity, assigned: best.assigned, available: Math.max(0, best.capacity - best.assigned) }
          : { product, poolId: null, sku: null, seats: 0, assigned: 0, available: 0 };
      });
      let result: RolePreviewResult;
      try {
        const { changes } = await reconcileUser(ctx, { userId, roles, mode: 'seatwise', how: 'role_grant' });
        result = {
          roles,
          acquire: changes.filter((ch) => ch.kind === 'acquired' || ch.kind === 'waiting'),
          release: changes.filter((ch) => ch.kind === 'released'),
          ok: true,
          refusal: null,
          pools,
        };
      } catch (error) {
        if (!isRefusal(error)) throw error;
        result = {
          roles,
          acquire: [],
          release: [],
          ok: false,
          refusal: { code: error.code as 'license_limit_reached' | 'product_not_activated', message: error.message, product: error.details.product as RolePreviewResult['pools'][number]['product'] },
          pools,
        };
      }
      throw new Rollback(result);
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
  throw new ApiError('internal', 'preview did not roll back');
}
