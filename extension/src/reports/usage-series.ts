import type { Sku, UsagePoint } from '@seatwise/shared';
import { SKUS } from '@seatwise/shared/catalog';

export interface UsageSeries {
  /** Unix seconds, one per day, ascending. */
  x: number[];
  /** Assigned seats per SKU and day (null where that SKU had no point). */
  assigned: Record<Sku, (number | null)[]>;
  total: Record<Sku, (number | null)[]>;
}

/** The usage report's daily points as aligned columns for a chart. */
export function toUsageSeries(points: UsagePoint[]): UsageSeries {
  const dates = [...new Set(points.map((p) => p.date))].sort();
  const index = new Map(dates.map((d, i) => [d, i]));
  const empty = () => Object.fromEntries(SKUS.map((s) => [s, dates.map(() => null)])) as Record<Sku, (number | null)[]>;
  const assigned = empty();
  const total = empty();
  for (const p of points) {
    const i = index.get(p.date)!;
    assigned[p.sku][i] = p.assigned;
    total[p.sku][i] = p.total;
  }
  return { x: dates.map((d) => Date.parse(`${d.slice(0, 10)}T00:00:00Z`) / 1000), assigned, total };
}
