import { alertIdParamSchema, alertListSchema, alertSchema, type AlertList, type AlertView } from '@seatwise/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { alertAcknowledgeable, alertsFor } from '../alerts/current.ts';
import { acknowledgeAlert, alertNotFound } from '../alerts/raise.ts';
import { ApiError } from '../errors.ts';
import type { AppEnv } from '../http/context.ts';
import { requireChange } from '../http/scope.ts';
import { validate } from '../http/validate.ts';
import { okJson } from '../reports/openapi.ts';

const tags = ['alerts'];

export const alertRoutes = new Hono<AppEnv>()
  .get(
    '/alerts',
    describeRoute({ tags, summary: 'Alerts in the caller\'s scope: renewal (90/60/30/7 days), grace, expiry, ≥ 90 % assigned, over-allocation, waiting users, refusals', responses: okJson(alertListSchema) }),
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
  );
