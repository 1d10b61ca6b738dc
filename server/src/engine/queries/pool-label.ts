import { SKU_LABELS, type Sku } from '@seatwise/shared';
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { pools } from '../../db/schema.ts';

/** The default name of a pool: its SKU and term, "eLearn 2026–27". */
export function defaultPoolName(sku: Sku, startsAt: string, endsAt: string): string {
  const from = startsAt.slice(0, 4);
  const to = endsAt.slice(0, 4);
  return from === to ? `${SKU_LABELS[sku]} ${from}` : `${SKU_LABELS[sku]} ${from}–${to.slice(2)}`;
}

/** How messages name a pool: its name, the id only for a pool that has none. */
export const poolLabel = (pool: { id: string; name?: string | null }) => pool.name || pool.id;

/** Names for the pools a page of rows mentions, in one query (ids of deleted pools stay unnamed). */
export async function poolNamesOf(db: DbOrTx, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: pools.id, name: pools.name }).from(pools).where(inArray(pools.id, wanted));
  return new Map(rows.map((p) => [p.id, poolLabel(p)]));
}
