import { RENEWAL_REMINDER_DAYS, type AlertSettings } from '@seatwise/shared';
import type { DbOrTx } from '../db/client.ts';
import type { EngineCtx } from '../engine/changes/reconcile.ts';
import type { AlertThresholds } from '../engine/policy/alerts.ts';
import { readSetting, writeSetting } from '../settings/store.ts';

const KEY = 'alerts';

/** Every renewal reminder, usage from 90 %, and the webhook of the server's environment. */
export const DEFAULT_ALERT_SETTINGS: AlertSettings = { webhookUrl: null, renewalDays: [...RENEWAL_REMINDER_DAYS], usagePct: 90 };

export const readAlertSettings = (db: DbOrTx) => readSetting(db, KEY, DEFAULT_ALERT_SETTINGS);

export const writeAlertSettings = (ctx: EngineCtx, next: AlertSettings) => writeSetting(ctx, KEY, DEFAULT_ALERT_SETTINGS, next);

export const thresholdsOf = (s: AlertSettings): AlertThresholds => ({ renewalDays: s.renewalDays, usagePct: s.usagePct });

/**
 * Where alerts and compliance reports are POSTed: the stored URL replaces the
 * server's ALERT_WEBHOOK_URL (`environmentUrl`), which is the default while
 * none is stored. Read at every scan, so a change takes effect without a restart.
 */
export function effectiveWebhook(s: AlertSettings, environmentUrl: string | undefined): { url: string; source: 'setting' | 'environment' } | null {
  if (s.webhookUrl) return { url: s.webhookUrl, source: 'setting' };
  return environmentUrl ? { url: environmentUrl, source: 'environment' } : null;
}
