import type { AlertList, AlertView } from '../api/types.ts';
import type { AlertsView } from '../messaging/protocol.ts';

/** Alerts that raise a browser notification (once each): the renewal reminders and grace. */
export const NOTIFY_KINDS: ReadonlySet<string> = new Set(['renewal', 'grace', 'expired']);

/** `GET /alerts` as the popup shows it: open alerts first, the most severe and newest leading. */
export function toAlertsView({ alerts }: AlertList): AlertsView {
  const rank: Record<AlertView['severity'], number> = { critical: 0, warning: 1, info: 2 };
  const sorted = [...alerts].sort((a, b) => Number(a.acknowledged) - Number(b.acknowledged) || rank[a.severity] - rank[b.severity] || b.raisedAt.localeCompare(a.raisedAt));
  return { alerts: sorted, unacknowledged: sorted.filter((a) => !a.acknowledged).length };
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
