import { plural, SKU_LABELS, type Recommendation } from '@seatwise/shared';
import type { Holder, PoolFacts } from './compliance.ts';

const RENEW_NOTICE_DAYS = 90;

const poolName = (f: PoolFacts) => `${f.row.poolName}${f.row.orgName ? ` (${f.row.orgName})` : ''}`;

/** "a, b, c and 9 more": `total` counts holders the viewer may not see, who are never named. */
function names(users: Holder[], total = users.length, max = 3): string {
  const shown = users.slice(0, max).map((u) => u.email);
  if (total > shown.length) return shown.length ? `${shown.join(', ')} and ${total - shown.length} more` : `${total} holders outside your organizations`;
  return shown.join(', ');
}

const named = (users: Holder[]) => users.slice(0, 50);

/** Seats some user is asking for: waiting now, or refused within the refusal window. */
const demand = (f: PoolFacts) => f.row.waiting + f.refusedUsers;

/**
 * Concrete next steps per pool, most urgent first: release seats of an
 * over-allocated pool, renew one that is ending, reclaim idle seats, add
 * seats where demand outruns what reclaiming frees, and move seats where one
 * organization's pool is full while a sibling's sits idle.
 */
export function recommendations(facts: PoolFacts[]): Recommendation[] {
  const out: Recommendation[] = [];
  const base = { users: [] as Holder[], fromPoolId: null as string | null };
  for (const f of facts) {
    const { row } = f;
    if (row.overAllocated) {
      const excess = row.assigned - row.seats;
      const start = f.inactive.slice(0, excess);
      out.push({ ...base, kind: 'release', severity: 'critical', poolId: row.poolId, count: excess, users: named(start), message: `Release ${plural(excess, 'seat')} of ${poolName(f)}: ${row.assigned} assigned for ${plural(row.seats, 'seat')}${f.inactiveCount ? `; start with inactive holders ${names(start, Math.min(excess, f.inactiveCount))}` : ''}.` });
    }
    if (row.state === 'expired') {
      out.push({ ...base, kind: 'renew', severity: 'critical', poolId: row.poolId, count: 0, message: `Renew ${poolName(f)} now: it expired and ${plural(row.assigned, 'assignment is', 'assignments are')} suspended.` });
    } else if (row.daysLeft <= RENEW_NOTICE_DAYS) {
      const days = row.state === 'grace' ? Math.max(0, f.graceDays + row.daysLeft) : row.daysLeft;
      out.push({
        ...base,
        kind: 'renew',
        severity: row.state === 'grace' || days <= 30 ? 'critical' : 'warning',
        poolId: row.poolId,
        count: days,
        message: row.state === 'grace'
          ? `Renew ${poolName(f)} within ${plural(days, 'day')}: it ended on ${row.endsAt.slice(0, 10)} and access stops when its grace period runs out.`
          : `Renew ${poolName(f)} within ${plural(days, 'day')}: it ends on ${row.endsAt.slice(0, 10)} with ${plural(row.assigned, 'user')} licensed.`,
      });
    }
    if (f.inactiveCount > 0 && row.state !== 'expired') {
      const pressed = row.usagePct >= 90 || demand(f) > 0;
      out.push({ ...base, kind: 'reclaim', severity: pressed ? 'warning' : 'info', poolId: row.poolId, count: f.inactiveCount, users: named(f.inactive), message: `Reclaim ${f.inactiveCount} inactive ${SKU_LABELS[row.sku]} ${f.inactiveCount === 1 ? 'seat' : 'seats'} in ${poolName(f)} (idle for 30 days): ${names(f.inactive, f.inactiveCount)}.` });
    }
    const short = demand(f) - f.inactiveCount - row.available;
    if (demand(f) > 0 && short > 0) {
      out.push({ ...base, kind: 'add_seats', severity: 'warning', poolId: row.poolId, count: short, message: `Add ${plural(short, 'seat')} to ${poolName(f)}: ${plural(row.waiting, 'user is', 'users are')} waiting and ${plural(f.refusedUsers, 'was', 'were')} refused a seat in the last 30 days.` });
    }
  }
  out.push(...rebalances(facts));
  const rank = { critical: 0, warning: 1, info: 2 } as const;
  return out.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

function rebalances(facts: PoolFacts[]): Recommendation[] {
  const out: Recommendation[] = [];
  const live = facts.filter((f) => f.row.state !== 'expired');
  for (const full of live) {
    if (full.row.available > 0 || demand(full) === 0) continue;
    const idle = live.find((o) => o.row.sku === full.row.sku && o.row.orgId !== full.row.orgId && o.row.available > 0 && o.row.usagePct < 50);
    if (!idle) continue;
    const count = Math.min(idle.row.available, demand(full));
    out.push({ kind: 'rebalance', severity: 'info', poolId: full.row.poolId, fromPoolId: idle.row.poolId, count, users: [], message: `${poolName(full)} is full while ${poolName(idle)} has ${plural(idle.row.available, 'free seat')}: move ${plural(count, 'seat')} from it at renewal, or move users between these organizations.` });
  }
  return out;
}
