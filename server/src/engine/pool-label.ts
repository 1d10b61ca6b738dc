import { SKU_LABELS, type Sku } from '@seatwise/shared';

/** The default name of a pool: its SKU and term, "eLearn 2026–27". */
export function defaultPoolName(sku: Sku, startsAt: string, endsAt: string): string {
  const from = startsAt.slice(0, 4);
  const to = endsAt.slice(0, 4);
  return from === to ? `${SKU_LABELS[sku]} ${from}` : `${SKU_LABELS[sku]} ${from}–${to.slice(2)}`;
}

/** How messages name a pool: its name, the id only for a pool that has none. */
export const poolLabel = (pool: { id: string; name?: string | null }) => pool.name || pool.id;
