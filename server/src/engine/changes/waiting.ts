import { SKU_PRODUCTS, type Product } from '@seatwise/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { assignments, pools } from '../../db/schema.ts';
import { canAssignFrom, capacity, poolState, seatsTaken } from '../policy/pool-state.ts';
import { reconcileUser, type EngineCtx } from './reconcile.ts';

/** Products some pool still has a free, assignable seat for. */
async function productsWithFreeSeats(ctx: EngineCtx): Promise<Set<Product>> {
  const rows = await ctx.tx.select().from(pools);
  const free = new Set<Product>();
  for (const p of rows) {
    if (canAssignFrom(poolState(p, ctx.now)) && seatsTaken(p) < capacity(p)) {
      for (const product of SKU_PRODUCTS[p.sku]) free.add(product);
    }
  }
  return free;
}

/**
 * Serves users waiting for a seat, longest waiting first (FIFO), inside the
 * transaction that freed the seat. Each one is re-planned as a host change so
 * whatever can be granted is, and the rest keeps waiting.
 */
export async function serveWaiting(ctx: EngineCtx): Promise<number> {
  let free = await productsWithFreeSeats(ctx);
  if (free.size === 0) return 0;
  const queue = await ctx.tx
    .select({ userId: assignments.userId, product: assignments.product })
    .from(assignments)
    .where(and(eq(assignments.state, 'waiting'), inArray(assignments.product, [...free])))
    .orderBy(asc(assignments.waitingSince), asc(assignments.id));

  let served = 0;
  const seen = new Set<string>();
  for (const { userId, product } of queue) {
    if (seen.has(userId) || !free.has(product)) continue;
    seen.add(userId);
    const result = await reconcileUser(ctx, { userId, mode: 'host', how: 'waiting_fulfilled', retryWaiting: true });
    if (result.changes.some((c) => c.kind === 'acquired')) {
      served++;
      free = await productsWithFreeSeats(ctx);
      if (free.size === 0) break;
    }
  }
  return served;
}
