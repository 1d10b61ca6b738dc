import { SKU_PRODUCTS, type PoolState, type Product, type Sku } from '@seatwise/shared';
import { canAssignFrom, seatsTaken } from './pool-state.ts';

/**
 * Decides which seats a user takes and gives up for a set of needed products.
 * Pure: the caller loads the facts inside its write transaction and writes the
 * plan, so the decision and the write share one lock.
 */

export interface HeldLicense {
  product: Product;
  poolId: string | null;
  state: 'active' | 'waiting';
}

export interface CandidatePool {
  id: string;
  sku: Sku;
  name?: string;
  /** 0 = the user's home organization, 1 = its parent, … */
  depth: number;
  capacity: number;
  /** Users holding a seat, this user included if they hold one. */
  assigned: number;
  /** Seats reserved by seat holds (this user's own included): taken for everyone else. */
  held: number;
  state: PoolState;
  endsAt: string;
}

export interface Acquisition {
  product: Product;
  poolId: string;
  sku: Sku;
}

export interface SeatPlan {
  release: HeldLicense[];
  acquire: Acquisition[];
  /** Products left waiting for a seat (host-synced changes only). */
  wait: Product[];
  refusal: { product: Product; pool: CandidatePool | null } | null;
}

export type PlanMode = 'seatwise' | 'host';

const STATE_RANK: Record<PoolState, number> = { active: 0, expiring: 1, grace: 2, expired: 3 };

/** Nearest organization first, then the healthiest pool, then the longest term. */
export function orderPools(pools: readonly CandidatePool[]): CandidatePool[] {
  return [...pools].sort(
    (a, b) => a.depth - b.depth || STATE_RANK[a.state] - STATE_RANK[b.state] || b.endsAt.localeCompare(a.endsAt),
  );
}

const covers = (pool: CandidatePool, product: Product) => SKU_PRODUCTS[pool.sku].includes(product);
const isBundle = (sku: Sku) => SKU_PRODUCTS[sku].length > 1;

export function planSeats(input: {
  held: readonly HeldLicense[];
  needs: ReadonlySet<Product>;
  pools: readonly CandidatePool[];
  mode: PlanMode;
  /** Pools where this user's own seat holds reserve a seat: theirs to take. */
  reserved?: ReadonlySet<string>;
}): SeatPlan {
  const pools = orderPools(input.pools);
  const byId = new Map(pools.map((p) => [p.id, p]));
  const seatedBefore = new Set(input.held.filter((h) => h.poolId).map((h) => h.poolId!));
  // A user holds at most one seat per pool, so a pool can take them if they
  // already sit there, a hold of theirs reserves a seat there, or it has room
  // for one more beside everyone's assignments and holds.
  const canHost = (pool: CandidatePool) =>
    canAssignFrom(pool.state) && (seatedBefore.has(pool.id) || !!input.reserved?.has(pool.id) || seatsTaken(pool) < pool.capacity);

  const keep = input.held.filter((h) => input.needs.has(h.product));
  const release = input.held.filter((h) => !input.needs.has(h.product));
  const acquire: Acquisition[] = [];
  let missing = [...input.needs].filter((p) => !keep.some((h) => h.product === p));
  const take = (product: Product, pool: CandidatePool) => {
    acquire.push({ product, poolId: pool.id, sku: pool.sku });
    missing = missing.filter((p) => p !== product);
  };

  // 1. A bundle seat the user keeps already covers its other products.
  for (const h of keep) {
    const pool = h.poolId ? byId.get(h.poolId) : undefined;
    if (h.state !== 'active' || !pool || !isBundle(pool.sku)) continue;
    for (const p of [...missing]) if (covers(pool, p)) take(p, pool);
  }

  // 2. Someone needing every product of a bundle takes one bundle seat where
  //    one is free, else one seat of each.
  for (const bundle of pools.filter((p) => isBundle(p.sku))) {
    const products = SKU_PRODUCTS[bundle.sku];
    if (!products.every((p) => input.needs.has(p)) || !products.some((p) => missing.includes(p))) continue;
    const keptSingles = keep.filter((h) => h.state === 'active' && products.includes(h.product));
    const singlesPossible = missing
      .filter((p) => products.includes(p))
      .every((p) => pools.some((pool) => !isBundle(pool.sku) && covers(pool, p) && canHost(pool)));
    // Prefer the bundle unless the user already holds single seats that will do.
    const preferBundle = keptSingles.length === 0 || !singlesPossible;
    if (preferBundle && canHost(bundle)) {
      for (const h of keptSingles) release.push(h);
      for (const p of products) take(p, bundle);
    }
    break;
  }

  // 3. Everything else from a single-product pool, a bundle as the fallback.
  const wait: Product[] = [];
  for (const product of [...missing]) {
    const single = pools.find((p) => !isBundle(p.sku) && covers(p, product) && canHost(p));
    const bundle = pools.find((p) => isBundle(p.sku) && covers(p, product) && canHost(p));
    const pool = single ?? bundle;
    if (pool) {
      take(product, pool);
      continue;
    }
    if (input.mode === 'seatwise') {
      // Name the pool the product would normally come from: its own single-product pool first.
      const nearest =
        pools.find((p) => !isBundle(p.sku) && covers(p, product) && canAssignFrom(p.state)) ??
        pools.find((p) => covers(p, product) && canAssignFrom(p.state)) ??
        pools.find((p) => covers(p, product)) ??
        null;
      return { release: [], acquire: [], wait: [], refusal: { product, pool: nearest } };
    }
    wait.push(product);
  }

  // A product moved to a bundle seat is released and re-acquired; drop the
  // release rows whose product is re-acquired on the very same pool.
  const finalRelease = release.filter((r) => !acquire.some((a) => a.product === r.product && a.poolId === r.poolId));
  const finalAcquire = acquire.filter((a) => !input.held.some((h) => h.product === a.product && h.poolId === a.poolId && h.state === 'active'));
  return { release: finalRelease, acquire: finalAcquire, wait, refusal: null };
}
