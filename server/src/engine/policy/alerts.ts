import type { Pool } from '@seatwise/shared';
import { plural, SKU_LABELS, withArticle } from '@seatwise/shared';
import { poolLabel } from '../queries/pool-label.ts';

export type AlertSeverity = 'info' | 'warning' | 'critical';
export interface Alert {
  /** Stable per condition, so an alert raised again is the same alert. */
  id: string;
  kind: 'renewal' | 'grace' | 'expired' | 'usage' | 'over_allocated' | 'waiting' | 'refusals';
  severity: AlertSeverity;
  message: string;
  subject: { type: 'pool' | 'org'; id: string };
  raisedAt: string;
}

export const RENEWAL_THRESHOLDS = [90, 60, 30, 7] as const;

/** Alerts that follow from pools' state and the clock alone. */
export function poolAlerts(pools: Pool[], now: Date): Alert[] {
  const out: Alert[] = [];
  const DAY = 86_400_000;
  for (const p of pools) {
    const name = poolLabel(p);
    const subject = { type: 'pool' as const, id: p.id };
    const endsAt = Date.parse(p.endsAt);
    if (p.state === 'expired') {
      out.push({ id: `expired:${p.id}:${p.endsAt}`, kind: 'expired', severity: 'critical', subject, raisedAt: new Date(endsAt + p.graceDays * DAY).toISOString(), message: `${name} has expired: ${plural(p.assigned, 'assignment is', 'assignments are')} suspended until it is renewed.` });
    } else if (p.state === 'grace') {
      out.push({ id: `grace:${p.id}:${p.endsAt}`, kind: 'grace', severity: 'critical', subject, raisedAt: p.endsAt, message: `${name} ended on ${p.endsAt.slice(0, 10)} and is in its grace period: access stops in ${plural(p.graceDays + p.daysLeft, 'day')} unless it is renewed.` });
    } else {
      const threshold = [...RENEWAL_THRESHOLDS].reverse().find((d) => p.daysLeft <= d);
      if (threshold !== undefined) {
        out.push({
          id: `renewal:${p.id}:${p.endsAt}:${threshold}`,
          kind: 'renewal',
          severity: threshold <= 7 ? 'critical' : threshold <= 30 ? 'warning' : 'info',
          subject,
          raisedAt: new Date(Math.min(now.getTime(), endsAt - threshold * DAY)).toISOString(),
          message: `${name} ends in ${plural(p.daysLeft, 'day')} (${p.endsAt.slice(0, 10)}): renew it to keep ${plural(p.assigned, 'user')} licensed.`,
        });
      }
    }
    if (p.overAllocated) {
      out.push({ id: `over:${p.id}`, kind: 'over_allocated', severity: 'critical', subject, raisedAt: now.toISOString(), message: `${name} is over-allocated: ${p.assigned} assigned for ${p.seats} seats. New assignments are blocked; release ${plural(p.assigned - p.seats, 'seat')}.` });
    } else if (p.seats > 0 && p.usagePct >= 90 && p.state !== 'expired') {
      out.push({ id: `usage:${p.id}`, kind: 'usage', severity: 'warning', subject, raisedAt: now.toISOString(), message: `${name} is ${p.usagePct}% assigned: ${plural(p.available, 'seat')} left.` });
    }
    if (p.waiting > 0) {
      out.push({ id: `waiting:${p.id}`, kind: 'waiting', severity: 'warning', subject, raisedAt: now.toISOString(), message: `${plural(p.waiting, 'user is', 'users are')} waiting for ${withArticle(SKU_LABELS[p.sku])} seat in ${name}.` });
    }
  }
  return out;
}
