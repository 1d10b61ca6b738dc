import { claimsQuerySchema, claimsReportSchema, complianceQuerySchema, complianceReportSchema, historyQuerySchema, historyReportSchema, inactiveQuerySchema, inactiveReportSchema, usageQuerySchema, usageReportSchema } from '@seatwise/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { poolViews } from '../engine/changes/pools.ts';
import type { AppEnv } from '../http/context.ts';
import { orgInScope, poolOrgVisible } from '../http/scope.ts';
import { validate } from '../http/validate.ts';
import { CLAIM_COLUMNS, claimsPage, countClaims } from '../reports/claims.ts';
import { COMPLIANCE_COLUMNS, complianceFacts } from '../reports/compliance.ts';
import { CSV_PAGE_ROWS, csvResponse } from '../reports/csv.ts';
import { HISTORY_COLUMNS, historyPage } from '../reports/history.ts';
import { INACTIVE_COLUMNS, countInactive, inactivePage } from '../reports/inactive.ts';
import { okReport } from '../reports/openapi.ts';
import { allPages, reportOrgs } from '../reports/paging.ts';
import { recommendations } from '../reports/recommendations.ts';
import { USAGE_COLUMNS, usageRange, usageSeries } from '../reports/usage-series.ts';
import { visibleUser } from './helpers.ts';

const tags = ['reports'];

export const reportRoutes = new Hono<AppEnv>()
  .get(
    '/reports/claims',
    describeRoute({ tags, summary: 'License claims: who got which license, when, from which pool and SKU, how and by whom', responses: okReport(claimsReportSchema, 'A page of claims, newest first, with the filtered total and the seats those claims took') }),
    validate('query', claimsQuerySchema),
    async (c) => {
      const { db } = c.var.services.engine;
      const { cursor, limit, format, orgId, ...rest } = c.req.valid('query');
      const filter = { ...rest, orgs: reportOrgs(c.var.caller, orgId) };
      if (format === 'csv') return csvResponse(c, 'claims', CLAIM_COLUMNS, allPages((cur) => claimsPage(db, filter, cur, CSV_PAGE_ROWS)));
      const [counts, page] = await Promise.all([countClaims(db, filter), claimsPage(db, filter, cursor, limit)]);
      return c.json({ ...counts, ...page });
    },
  )
  .get(
    '/reports/usage',
    describeRoute({ tags, summary: 'Daily usage per SKU (total, assigned, available, active users, utilization, waiting); today is computed live', responses: okReport(usageReportSchema, 'The series, oldest first') }),
    validate('query', usageQuerySchema),
    async (c) => {
      const { caller } = c.var;
      const { engine } = c.var.services;
      const q = c.req.valid('query');
      const now = engine.now();
      const range = usageRange(now, q);
      const all = [...caller.tree.byId.keys()];
      const view = {
        poolOrgs: caller.scope === null ? null : new Set(all.filter((id) => poolOrgVisible(caller, id))),
        userOrgs: caller.scope === null ? null : new Set(all.filter((id) => orgInScope(caller, id))),
      };
      const points = await usageSeries(engine.db, caller.tree, view, now, { ...range, sku: q.sku });
      if (q.format === 'csv') return csvResponse(c, 'usage', USAGE_COLUMNS, [points]);
      return c.json({ ...range, points });
    },
  )
  .get(
    '/reports/inactive',
    describeRoute({ tags, summary: 'Licensed users not seen within `days` (30, 60 or 90), never-seen first', responses: okReport(inactiveReportSchema, 'A page of inactive assignments') }),
    validate('query', inactiveQuerySchema),
    async (c) => {
      const { engine } = c.var.services;
      const { cursor, limit, format, orgId, ...rest } = c.req.valid('query');
      const filter = { ...rest, orgs: reportOrgs(c.var.caller, orgId) };
      const now = engine.now();
      if (format === 'csv') return csvResponse(c, `inactive-${rest.days}d`, INACTIVE_COLUMNS, allPages((cur) => inactivePage(engine.db, filter, now, cur, CSV_PAGE_ROWS)));
      const [total, page] = await Promise.all([countInactive(engine.db, filter, now), inactivePage(engine.db, filter, now, cursor, limit)]);
      return c.json({ days: rest.days, total, ...page });
    },
  )
  .get(
    '/reports/compliance',
    describeRoute({ tags, summary: 'Per pool compliance status and concrete recommendations', responses: okReport(complianceReportSchema, 'Pools and recommendations, most urgent first') }),
    validate('query', complianceQuerySchema),
    async (c) => {
      const { caller } = c.var;
      const { engine } = c.var.services;
      const q = c.req.valid('query');
      const narrowed = reportOrgs(caller, q.orgId);
      const now = engine.now();
      const pools = await poolViews(engine.db, caller.tree, now, (id) => poolOrgVisible(caller, id) && (!q.orgId || narrowed!.has(id)));
      const facts = await complianceFacts(engine.db, caller.tree, pools.filter((p) => !q.sku || p.sku === q.sku), now, caller.scope);
      const recs = recommendations(facts);
      if (q.format === 'csv') {
        const rows = facts.map((f) => ({ ...f.row, recommendations: recs.filter((r) => r.poolId === f.row.poolId).map((r) => r.message).join(' | ') }));
        return csvResponse(c, 'compliance', COMPLIANCE_COLUMNS, [rows]);
      }
      return c.json({ pools: facts.map((f) => f.row), recommendations: recs });
    },
  )
  .get(
    '/reports/history',
    describeRoute({ tags, summary: "A user's license and role history, newest first", responses: okReport(historyReportSchema, 'A page of history entries') }),
    validate('query', historyQuerySchema),
    async (c) => {
      const { db } = c.var.services.engine;
      const { userId, cursor, limit, format } = c.req.valid('query');
      await visibleUser(c, userId);
      if (format === 'csv') return csvResponse(c, `history-${userId}`, HISTORY_COLUMNS, allPages((cur) => historyPage(db, userId, cur, CSV_PAGE_ROWS)));
      return c.json({ userId, ...(await historyPage(db, userId, cursor, limit)) });
    },
  );
