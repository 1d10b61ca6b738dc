import { plural, PRODUCT_LABELS, SKU_LABELS, type Product, type Sku } from '@seatwise/shared/catalog';
import type { RolePreviewResult } from '@seatwise/shared';

export interface RoleHint {
  tone: 'take' | 'free' | 'blocked' | 'none';
  text: string;
}

const productName = (p: Product) => PRODUCT_LABELS[p] ?? p;

/**
 * What ticking or unticking a role does to licenses, in a few words, from the
 * server's preview: "takes 1 weCLIMB seat · 3 seats left", "no eLearn seat free",
 * "frees 1 eLearn seat", "no license change".
 */
export function roleHint(preview: RolePreviewResult | undefined): RoleHint | null {
  if (!preview) return null;
  if (preview.refusal) {
    const name = productName(preview.refusal.product);
    return preview.refusal.code === 'product_not_activated'
      ? { tone: 'blocked', text: `${name} not activated for the organization` }
      : { tone: 'blocked', text: `no ${name} seat free` };
  }
  // A Combined seat shows as two acquisitions (one per product) of one pool: count seats per pool.
  const byPool = new Map<string, { sku: Sku | null; products: Product[] }>();
  for (const a of preview.acquire) {
    const key = a.poolId ?? `none:${a.product}`;
    byPool.set(key, { sku: a.sku, products: [...(byPool.get(key)?.products ?? []), a.product] });
  }
  if (byPool.size) {
    const parts = [...byPool].map(([poolId, { sku, products }]) => {
      const pool = preview.pools.find((p) => p.poolId === poolId);
      const name = sku ? SKU_LABELS[sku] : productName(products[0]!);
      return pool ? `takes 1 ${name} seat · ${plural(Math.max(0, pool.available - 1), 'seat')} left` : `takes 1 ${name} seat`;
    });
    return { tone: 'take', text: parts.join('; ') };
  }
  // A release without a pool is a waiting license: no seat comes free, the wait just ends.
  const freed = new Map<string, Sku | null>(preview.release.filter((r) => r.poolId).map((r) => [r.poolId!, r.sku]));
  const waits = preview.release.filter((r) => !r.poolId).map((r) => productName(r.product));
  const parts = [...[...freed.values()].map((sku) => `frees 1 ${sku ? SKU_LABELS[sku] : 'license'} seat`), ...waits.map((p) => `ends the wait for ${p}`)];
  if (parts.length) return { tone: 'free', text: parts.join('; ') };
  return { tone: 'none', text: 'no license change' };
}
