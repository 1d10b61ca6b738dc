import { auditQuerySchema } from '@seatwise/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { verifyAuditChain } from '../engine/changes/audit.ts';
import type { AppEnv } from '../http/context.ts';
import { requireSystemAdmin } from '../http/scope.ts';
import { validate } from '../http/validate.ts';
import { AUDIT_COLUMNS, auditCsvRow, auditPage } from '../reports/audit-log.ts';
import { CSV_PAGE_ROWS, csvResponse } from '../reports/csv.ts';
import { allPages } from '../reports/paging.ts';

const tags = ['audit'];

export const auditRoutes = new Hono<AppEnv>()
  .get('/audit', describeRoute({ tags, summary: 'The audit log, newest first, filterable, cursor-paginated; ?format=csv streams it whole' }), validate('query', auditQuerySchema), async (c) => {
    const { format, cursor, limit, ...rest } = c.req.valid('query');
    const filter = { ...rest, orgs: c.var.caller.scope };
    const db = c.var.services.engine.db;
    if (format === 'csv') {
      const pages = allPages((cur) => auditPage(db, filter, cur, CSV_PAGE_ROWS));
      const csv = csvResponse(c, 'audit', AUDIT_COLUMNS, (async function* () {
        for await (const page of pages) yield page.map(auditCsvRow);
      })());
      // Typed as never so the typed client (hc<AppType>) keeps the JSON shape as this route's answer.
      return csv as never;
    }
    const page = await auditPage(db, filter, cursor, limit);
    return c.json({ entries: page.rows, nextCursor: page.nextCursor });
  })
  .get('/audit/verify', describeRoute({ tags, summary: 'Check the hash chain: {ok, entries, brokenAt}' }), async (c) => {
    requireSystemAdmin(c.var.caller);
    return c.json(await verifyAuditChain(c.var.services.engine.db));
  });
