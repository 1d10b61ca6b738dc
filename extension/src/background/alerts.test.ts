import { describe, expect, it } from 'vitest';
import type { AlertView } from '../api/types.ts';
import { alertsToNotify, badgeText, toAlertsView } from './alerts.ts';

const alert = (id: string, kind: AlertView['kind'], severity: AlertView['severity'], acknowledged = false): AlertView => ({ id, kind, severity, message: id, subject: { type: 'pool', id: 'p' }, orgId: null, raisedAt: '2026-06-01T00:00:00Z', acknowledged });

describe('alerts', () => {
  it('counts unacknowledged alerts and sorts open, severe ones first', () => {
    const view = toAlertsView({ alerts: [alert('a', 'usage', 'info'), alert('b', 'renewal', 'critical', true), alert('c', 'grace', 'critical')] });
    expect(view.alerts.map((a) => a.id)).toEqual(['c', 'a', 'b']);
    expect(view.unacknowledged).toBe(2);
  });

  it('raises a notification once per renewal alert and remembers it', () => {
    const view = toAlertsView({ alerts: [alert('r1', 'renewal', 'warning'), alert('u1', 'usage', 'warning'), alert('g1', 'grace', 'critical')] });
    const first = alertsToNotify(view, []);
    expect(first.raise.map((a) => a.id)).toEqual(['g1', 'r1']);
    expect(alertsToNotify(view, first.remembered).raise).toEqual([]);
  });

  it('formats the badge', () => {
    expect([badgeText(0), badgeText(7), badgeText(120)]).toEqual(['', '7', '99+']);
  });
});
