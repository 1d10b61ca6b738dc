import type { Sku } from '@seatwise/shared';
import type { Tx } from '../db/client.ts';
import { usageSnapshotDays, usageSnapshots } from '../db/schema.ts';
import { addDays } from '../engine/policy/clock.ts';
import { dayOf } from '../reports/usage-snapshot.ts';

interface PoolNow {
  orgId: string;
  sku: Sku;
  seats: number;
  assigned: number;
  startsAt: string;
  endsAt: string;
}

/**
 * A demo database is born today, yet a usage chart with one point shows
 * nothing. Write the daily snapshots a district would have gathered over
 * the last `days`: seats filling up over the term towards today's numbers,
 * with weekday/weekend rhythm in activity. Demo only.
 */
export async function seedUsageHistory(tx: Tx, now: Date, pools: PoolNow[], days = 120): Promise<void> {
  const rows: (typeof usageSnapshots.$inferInsert)[] = [];
  const markers: (typeof usageSnapshotDays.$inferInsert)[] = [];
  for (let back = days; back >= 1; back--) {
    const day = addDays(now, -back);
    const date = dayOf(day);
    markers.push({ date, takenAt: day.toISOString() });
    const byKey = new Map<string, typeof usageSnapshots.$inferInsert>();
    for (const p of pools) {
      if (Date.parse(p.startsAt) > day.getTime()) continue;
      // Seats fill along an easing curve from 55 % of today's count.
      const progress = 1 - back / days;
      const assigned = Math.min(p.seats, Math.round(p.assigned * (0.55 + 0.45 * Math.sqrt(progress))));
      const weekend = [0, 6].includes(day.getUTCDay());
      const activeShare = (weekend ? 0.58 : 0.74) + 0.04 * Math.sin(back / 3);
      const key = `${p.orgId}/${p.sku}`;
      const row = byKey.get(key) ?? { date, orgId: p.orgId, sku: p.sku, total: 0, assigned: 0, available: 0, activeUsers: 0, waiting: 0 };
      row.total += p.seats;
      row.assigned += assigned;
      row.available += Math.max(0, p.seats - assigned);
      row.activeUsers += Math.round(assigned * activeShare);
      byKey.set(key, row);
    }
    rows.push(...byKey.values());
  }
  for (let i = 0; i < markers.length; i += 200) await tx.insert(usageSnapshotDays).values(markers.slice(i, i + 200)).onConflictDoNothing();
  for (let i = 0; i < rows.length; i += 200) await tx.insert(usageSnapshots).values(rows.slice(i, i + 200)).onConflictDoNothing();
}
