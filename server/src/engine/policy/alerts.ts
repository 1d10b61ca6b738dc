import type { Pool } from '@seatwise/shared';
import { plural, RENEWAL_REMINDER_DAYS, SKU_LABELS, withArticle } from '@seatwise/shared';
import { graceDaysLeft } from './pool-state.ts';
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

/** What an administrator sets (Administration → Alerts): which renewal reminders, and the usage alert's share assigned. */
export interface AlertThresholds {
  /** Days before a term's end at which a renewal alert is raised (any order). */
  renewalDays: readonly number[];
  usagePct: number;
}

export const DEFAULT_THRESHOLDS: AlertThresholds = { renewalDays: RENEWAL_REMINDER_DAYS, usagePct: 90 };

/** Alerts that follow from pools' state, the clock and the thresholds set. */
export function poolAlerts(pools: Pool[], now: Date, thresholds: AlertThresholds = DEFAULT_THRESHOLDS): Alert[] {
  // The nearest reminder reached is the one in force: smallest first.
  const reminders = [...thresholds.renewalDays].sort((a, b) => a - b);
  const out: Alert[] = [];
  const DAY = 86_400_000;
  for (const p of pools) {
    const name = poolLabel(p);
    const subject = { type: 'pool' as const, id: p.id };
    const endsAt = Date.parse(p.endsAt);
    if (p.state === 'expired') {
      out.push({ id: `expired:${p.id}:${p.endsAt}`, kind: 'expired', severity: 'critical', subject, raisedAt: new Date(endsAt + p.graceDays * DAY).toISOString(), message: `${name} has expired: ${plural(p.assigned, 'assignment is', 'assignments are')} suspended until it is renewed.` });
    } else if (p.state === 'grace') {
      out.push({ id: `grace:${p.id}:${p.endsAt}`, kind: 'grace', severity: 'critical', subject, raisedAt: p.endsAt, message: `${name} ended on ${p.endsAt.slice(0, 10)} and is in its grace period: access stops in ${plural(graceDaysLeft(p) ?? 0, 'day')} unless it is renewed.` });
    } else {
      const threshold = reminders.find((d) => p.daysLeft <= d);
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
    } else if (p.seats > 0 && p.usagePct >= thresholds.usagePct && p.state !== 'expired') {
      out.push({ id: `usage:${p.id}`, kind: 'usage', severity: 'warning', subject, raisedAt: now.toISOString(), message: `${name} is ${p.usagePct}% assigned: ${plural(p.available, 'seat')} left.` });
    }
    if (p.waiting > 0) {
      out.push({ id: `waiting:${p.id}`, kind: 'waiting', severity: 'warning', subject, raisedAt: now.toISOString(), message: `${plural(p.waiting, 'user is', 'users are')} waiting for ${withArticle(SKU_LABELS[p.sku])} seat in ${name}.` });
    }
  }
  return out;
}
