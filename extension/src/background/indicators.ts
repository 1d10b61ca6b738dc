import { browser } from '#imports';
import type { Me } from '../api/types.ts';
import type { AlertsView } from '../messaging/protocol.ts';
import { notifiedAlertsItem } from '../storage/items.ts';
import { alertsToNotify, badgeText } from './alerts.ts';

/** The toolbar badge (admins: unacknowledged alerts) and renewal notifications, raised once each. */
export async function showAlerts(view: AlertsView, me: Me | null): Promise<void> {
  const isAdmin = !!me?.canChange;
  await browser.action.setBadgeBackgroundColor({ color: '#b42318' });
  await browser.action.setBadgeText({ text: isAdmin ? badgeText(view.unacknowledged) : '' });
  if (!isAdmin) return;
  const notified = await notifiedAlertsItem.getValue();
  const { raise, remembered } = alertsToNotify(view, notified);
  if (!raise.length) return;
  await notifiedAlertsItem.setValue(remembered);
  for (const alert of raise) {
    await browser.notifications.create(`seatwise:${alert.id}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: alert.kind === 'renewal' ? 'Seatwise: a license pool needs renewing' : 'Seatwise: license pool ended',
      message: alert.message,
      priority: alert.severity === 'critical' ? 2 : 1,
    });
  }
}

export async function clearIndicators(): Promise<void> {
  await browser.action.setBadgeText({ text: '' });
}
