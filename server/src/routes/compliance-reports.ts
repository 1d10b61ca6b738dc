import { complianceReportRunSchema, complianceReportSettingsSchema, idSchema, type ComplianceReportRun } from '@seatwise/shared';
import { desc, eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { z } from 'zod';
import type { ReportSummary } from '../compliance-reports/produce.ts';
import { reportDeliveryKey } from '../delivery/outbox.ts';
import { readReportSettings, writeReportSettings } from '../compliance-reports/settings.ts';
import { complianceReports, webhookDeliveries } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import type { Db } from '../db/client.ts';
import type { AppEnv, Caller } from '../http/context.ts';
import { requireSystemAdmin } from '../http/scope.ts';
import { validate } from '../http/validate.ts';

const tags = ['compliance reports'];
const idParam = z.object({ id: idSchema });
const LISTED = 52;

/**
 * The scheduled compliance report covers the whole district (every pool), so
 * only system administrators read it or change its schedule; scoped callers
 * read the same figures for their organizations from GET /reports/compliance.
 */
export const complianceReportRoutes = new Hono<AppEnv>()
  .get(
    '/compliance-reports',
    describeRoute({ tags, summary: 'Stored scheduled compliance reports, newest first, with how their email and webhook deliveries went (system admins)', responses: { 200: { description: 'The latest reports', content: { 'application/json': { schema: resolver(z.object({ reports: z.array(complianceReportRunSchema) })) } } } } }),
    async (c) => {
      requireSystemAdmin(c.var.caller);
      const { db } = c.var.services.engine;
      const rows = await db.select({ id: complianceReports.id, period: complianceReports.period, generatedAt: complianceReports.generatedAt, summary: complianceReports.summary }).from(complianceReports).orderBy(desc(complianceReports.generatedAt)).limit(LISTED);
      const sent = rows.length
        ? await db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.alertId, rows.map((r) => reportDeliveryKey(r.id))))
        : [];
      const reports: ComplianceReportRun[] = rows.map((r) => ({
        ...r,
        summary: JSON.parse(r.summary) as ReportSummary,
        deliveries: sent
          .filter((d) => d.alertId === reportDeliveryKey(r.id))
          // Targets stay out of the answer: a webhook URL may carry a secret.
          .map((d) => ({ channel: d.url.startsWith('mailto:') ? ('email' as const) : ('webhook' as const), status: d.status, attempts: d.attempts, deliveredAt: d.deliveredAt, lastError: d.lastError })),
      }));
      return c.json({ reports });
    },
  )
  .get('/compliance-reports/:id/html', describeRoute({ tags, summary: 'A stored compliance report as a self-contained HTML page (system admins)' }), validate('param', idParam), async (c) => {
    const row = await storedReport(c.var.caller, c.var.services.engine.db, c.req.valid('param').id);
    c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    return c.html(row.html);
  })
  .get('/compliance-reports/:id/csv', describeRoute({ tags, summary: 'A stored compliance report as CSV (system admins)' }), validate('param', idParam), async (c) => {
    const row = await storedReport(c.var.caller, c.var.services.engine.db, c.req.valid('param').id);
    return c.body(row.csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="seatwise-compliance-${row.period}.csv"`, 'cache-control': 'no-store' });
  })
  .get('/settings/compliance-report', describeRoute({ tags, summary: 'How often the compliance report is produced and who gets it by email (system admins)' }), async (c) => {
    requireSystemAdmin(c.var.caller);
    return c.json(await readReportSettings(c.var.services.engine.db));
  })
  .put('/settings/compliance-report', describeRoute({ tags, summary: 'Change the compliance report schedule and recipients (system admins); audited' }), validate('json', complianceReportSettingsSchema), async (c) => {
    const { caller } = c.var;
    requireSystemAdmin(caller);
    const body = c.req.valid('json');
    return c.json(await c.var.services.engine.change(caller.userId, (ctx) => writeReportSettings(ctx, body)));
  });

async function storedReport(caller: Caller, db: Db, id: string) {
  requireSystemAdmin(caller);
  const [row] = await db.select().from(complianceReports).where(eq(complianceReports.id, id));
  if (!row) throw new ApiError('not_found', 'compliance report not found');
  return row;
}
