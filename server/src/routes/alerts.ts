import { alertIdParamSchema, alertListSchema, alertSchema, alertSettingsSchema, alertSettingsViewSchema, webhookTestSchema, type AlertList, type AlertSettings, type AlertSettingsView, type AlertView, type WebhookTest } from '@seatwise/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { alertAcknowledgeable, alertsFor } from '../alerts/current.ts';
import { acknowledgeAlert, alertNotFound } from '../alerts/raise.ts';
import { effectiveWebhook, readAlertSettings, writeAlertSettings } from '../alerts/settings.ts';
import { sendOnce, WEBHOOK_SENDERS } from '../delivery/outbox.ts';
import { appendAudit } from '../engine/changes/audit.ts';
import { newId } from '../engine/policy/ids.ts';
import { ApiError } from '../errors.ts';
import type { AppEnv, Caller } from '../http/context.ts';
import { requireChange, requireSystemAdmin } from '../http/scope.ts';
import { validate } from '../http/validate.ts';
import { okJson } from '../reports/openapi.ts';

const tags = ['alerts'];
/** A test send waits at most this long for the receiver. */
const TEST_TIMEOUT_MS = 10_000;

/** The settings as `caller` may read them: the webhook (which may carry a secret) for system administrators only. */
function settingsView(caller: Caller, s: AlertSettings, environmentUrl: string | undefined): AlertSettingsView {
  const district = caller.authority === 'system_admin';
  return {
    renewalDays: [...s.renewalDays].sort((a, b) => b - a),
    usagePct: s.usagePct,
    webhook: district ? { url: s.webhookUrl, environmentDefault: !!environmentUrl, source: effectiveWebhook(s, environmentUrl)?.source ?? 'none' } : null,
    editable: district,
  };
}

export const alertRoutes = new Hono<AppEnv>()
  .get(
    '/alerts',
    describeRoute({ tags, summary: 'Alerts in the caller\'s scope: renewal (90/60/30/7 days, as set), grace, expiry, share assigned (90 % unless set), over-allocation, waiting users, refusals', responses: okJson(alertListSchema) }),
    async (c) => {
      const { engine } = c.var.services;
      return c.json<AlertList>({ alerts: await alertsFor(engine.db, c.var.caller, engine.now()) });
    },
  )
  .post(
    '/alerts/:id/ack',
    describeRoute({ tags, summary: 'Acknowledge an alert (admins; audited as alert.ack). URL-encode the id.', responses: okJson(alertSchema, 'The alert, acknowledged') }),
    validate('param', alertIdParamSchema),
    async (c) => {
      const { caller } = c.var;
      const { engine } = c.var.services;
      requireChange(caller);
      const { id } = c.req.valid('param');
      const alert = (await alertsFor(engine.db, caller, engine.now())).find((a) => a.id === id);
      if (!alert) throw alertNotFound(id);
      if (!alertAcknowledgeable(caller, alert)) throw new ApiError('forbidden', 'this alert is about an organization above your scope: its administrators acknowledge it for everyone');
      await acknowledgeAlert(engine, caller.userId, alert);
      return c.json<AlertView>({ ...alert, acknowledged: true });
    },
  )
  /* District-wide settings: administrators read the thresholds; only system administrators see the webhook or change anything. */
  .get(
    '/settings/alerts',
    describeRoute({ tags, summary: 'Alert thresholds (admins) and the webhook alerts and compliance reports go to (system admins)', responses: okJson(alertSettingsViewSchema) }),
    async (c) => {
      const { caller } = c.var;
      requireChange(caller);
      return c.json<AlertSettingsView>(settingsView(caller, await readAlertSettings(c.var.services.engine.db), c.var.services.alertWebhookUrl));
    },
  )
  .put(
    '/settings/alerts',
    describeRoute({ tags, summary: 'Change the webhook URL (null: ALERT_WEBHOOK_URL) and the thresholds (system admins); audited as settings.update', responses: okJson(alertSettingsViewSchema) }),
    validate('json', alertSettingsSchema),
    async (c) => {
      const { caller } = c.var;
      requireSystemAdmin(caller);
      const saved = await c.var.services.engine.change(caller.userId, (ctx) => writeAlertSettings(ctx, c.req.valid('json')));
      return c.json<AlertSettingsView>(settingsView(caller, saved, c.var.services.alertWebhookUrl));
    },
  )
  .post(
    '/settings/alerts/test',
    describeRoute({ tags, summary: 'POST a test payload to the webhook in force, through the delivery path alerts take, and say how it went (system admins); audited as webhook.test', responses: okJson(webhookTestSchema) }),
    async (c) => {
      const { caller } = c.var;
      const { engine, alertWebhookUrl } = c.var.services;
      requireSystemAdmin(caller);
      const target = effectiveWebhook(await readAlertSettings(engine.db), alertWebhookUrl);
      if (!target) throw new ApiError('invalid_request', 'no webhook URL is set: save one first (or start the server with ALERT_WEBHOOK_URL)', { field: 'webhookUrl' });
      const id = newId('wht');
      const sentAt = engine.now().toISOString();
      const payload = JSON.stringify({ type: 'test', id, sentAt, sentBy: caller.email, message: 'A test from Seatwise: alerts and compliance reports will be posted here.' });
      // Sent outside any transaction: a slow receiver holds up nobody's change.
      const { status, error } = await sendOnce(WEBHOOK_SENDERS, target.url, payload, id, TEST_TIMEOUT_MS);
      await engine.change(caller.userId, (ctx) =>
        appendAudit(ctx.tx, ctx.now, [{ actorId: caller.userId, action: 'webhook.test', subjectType: 'settings', subjectId: 'alerts', orgId: null, after: { source: target.source, ok: error === null, httpStatus: status, error } }]),
      );
      return c.json<WebhookTest>({ source: target.source, delivered: error === null, status, error });
    },
  );
