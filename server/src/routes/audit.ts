import { auditExportQuerySchema, auditPageSchema, auditQuerySchema, auditVerifySchema, type AuditPage, type AuditVerify } from '@seatwise/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { verifyAuditChain } from '../engine/changes/audit.ts';
import type { AppEnv } from '../http/context.ts';
import { requireSystemAdmin } from '../http/scope.ts';
import { validate } from '../http/validate.ts';
import { AUDIT_COLUMNS, auditCsvRow, auditPage } from '../reports/audit-log.ts';
import { CSV_PAGE_ROWS, csvResponse } from '../reports/csv.ts';
import { okCsv, okJson } from '../reports/openapi.ts';
import { allPages } from '../reports/paging.ts';

const tags = ['audit'];

export const auditRoutes = new Hono<AppEnv>()
  .get('/audit', describeRoute({ tags, summary: 'The audit log, newest first, filterable, cursor-paginated', responses: okJson(auditPageSchema, 'A page of entries') }), validate('query', auditQuerySchema), async (c) => {
    const { cursor, limit, ...rest } = c.req.valid('query');
    const page = await auditPage(c.var.services.engine.db, { ...rest, orgs: c.var.caller.scope }, cursor, limit);
    return c.json<AuditPage>({ entries: page.rows, nextCursor: page.nextCursor });
  })
  .get('/audit/export.csv', describeRoute({ tags, summary: 'The whole filtered audit log as CSV', responses: okCsv('Every matching entry, newest first') }), validate('query', auditExportQuerySchema), (c) => {
    const filter = { ...c.req.valid('query'), orgs: c.var.caller.scope };
    const db = c.var.services.engine.db;
    const pages = allPages((cur) => auditPage(db, filter, cur, CSV_PAGE_ROWS));
    return csvResponse(c, 'audit', AUDIT_COLUMNS, (async function* () {
      for await (const page of pages) yield page.map(auditCsvRow);
    })());
  })
  .get('/audit/verify', describeRoute({ tags, summary: 'Check the hash chain: {ok, entries, brokenAt}', responses: okJson(auditVerifySchema) }), async (c) => {
    requireSystemAdmin(c.var.caller);
    return c.json<AuditVerify>(await verifyAuditChain(c.var.services.engine.db));
  });
