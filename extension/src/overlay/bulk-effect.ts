import { plural, SKU_LABELS, type Sku } from '@seatwise/shared/catalog';
import type { RolePreviewResult } from '@seatwise/shared';

export interface BulkEffect {
  headline: string;
  lines: string[];
  /** Users left without a seat once the others took theirs (or whose organization lacks the product): the host applies the change anyway, so they wait. */
  refused: number;
}

const seats = (n: number) => plural(n, 'seat');

/**
 * Sums per-user previews into the effect of the whole bulk change. Each
 * preview is made alone, so the seats they take are added up per pool and
 * held against what the pool has free: the users past that would wait for a seat.
 */
export function summarizeBulk(previews: RolePreviewResult[], { selected, known, verb }: { selected: number; known: number; verb: string }): BulkEffect {
  const take = new Map<string, { sku: Sku | null; users: number; available: number | null }>();
  const free = new Map<string, { sku: Sku | null; users: number }>();
  let refused = 0;
  for (const p of previews) {
    if (p.refusal) {
      refused++;
      continue;
    }
    // A Combined seat is two acquisitions (one per product) from one pool: one seat.
    for (const poolId of new Set(p.acquire.map((a) => a.poolId ?? 'none'))) {
      const a = p.acquire.find((x) => (x.poolId ?? 'none') === poolId)!;
      const pool = p.pools.find((x) => x.poolId === a.poolId);
      const t = take.get(poolId) ?? { sku: a.sku, users: 0, available: pool?.available ?? null };
      t.users++;
      take.set(poolId, t);
    }
    for (const poolId of new Set(p.release.map((r) => r.poolId ?? 'none'))) {
      const r = p.release.find((x) => (x.poolId ?? 'none') === poolId)!;
      const f = free.get(poolId) ?? { sku: r.sku, users: 0 };
      f.users++;
      free.set(poolId, f);
    }
  }
  const lines: string[] = [];
  for (const [, t] of take) {
    const name = t.sku ? SKU_LABELS[t.sku] : 'license';
    const over = t.available === null ? 0 : Math.max(0, t.users - t.available);
    refused += over;
    lines.push(`Takes ${seats(t.users)} of ${name}${t.available === null ? '' : ` · ${t.available.toLocaleString('en-US')} available`}${over ? ` — ${over} would wait for a seat` : ''}.`);
  }
  for (const [, f] of free) lines.push(`Frees ${seats(f.users)} of ${f.sku ? SKU_LABELS[f.sku] : 'license'}.`);
  if (known < selected) lines.push(`${selected - known} selected user${selected - known === 1 ? ' is' : 's are'} not in Seatwise; sync them first.`);
  const applies = previews.length - refused;
  const headline = !lines.length && !refused ? `${verb}: no seat changes` : `${verb} for ${previews.length} user${previews.length === 1 ? '' : 's'}${refused ? `: ${refused} would wait for a seat` : `: ${applies} fine`}`;
  return { headline, lines, refused };
}
