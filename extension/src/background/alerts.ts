import type { AlertView, DashboardAlert } from '../api/types.ts';
import type { AlertsView } from '../messaging/protocol.ts';

/** Alerts that raise a browser notification (once each): the renewal reminders and grace. */
export const NOTIFY_KINDS: ReadonlySet<string> = new Set(['renewal', 'grace', 'expired']);

type RawAlert = DashboardAlert & { acknowledged?: boolean; ackedAt?: string | null; acknowledgedAt?: string | null };

/** `GET /alerts` answers `{alerts}` (or a bare list); acknowledgement may be a flag or a time. */
export function toAlertsView(body: unknown, canAcknowledge: boolean): AlertsView {
  const list = (Array.isArray(body) ? body : ((body as { alerts?: unknown[] } | null)?.alerts ?? [])) as RawAlert[];
  const alerts: AlertView[] = list.map(({ ackedAt, acknowledgedAt, acknowledged, ...a }) => ({
    ...a,
    acknowledged: acknowledged ?? !!(ackedAt ?? acknowledgedAt),
  }));
  const rank = { critical: 0, warning: 1, info: 2 } as Record<string, number>;
  alerts.sort((a, b) => Number(a.acknowledged) - Number(b.acknowledged) || (rank[a.severity] ?? 3) - (rank[b.severity] ?? 3) || b.raisedAt.localeCompare(a.raisedAt));
  return { alerts, unacknowledged: alerts.filter((a) => !a.acknowledged).length, canAcknowledge };
}

/** The dashboard's alerts, when the server has no alerts route: nothing is acknowledged or acknowledgeable. */
export function alertsFromDashboard(alerts: DashboardAlert[]): AlertsView {
  return toAlertsView({ alerts: alerts.map((a) => ({ ...a, acknowledged: false })) }, false);
}

/** Badge text for a count: empty at zero, "99+" past 99. */
export function badgeText(count: number): string {
  return count <= 0 ? '' : count > 99 ? '99+' : String(count);
}

/** Which alerts still need a notification, and the remembered ids after raising them (bounded). */
export function alertsToNotify(view: AlertsView, notified: readonly string[], keep = 500): { raise: AlertView[]; remembered: string[] } {
  const seen = new Set(notified);
  const raise = view.alerts.filter((a) => NOTIFY_KINDS.has(a.kind) && !a.acknowledged && !seen.has(a.id));
  return { raise, remembered: [...notified, ...raise.map((a) => a.id)].slice(-keep) };
}
