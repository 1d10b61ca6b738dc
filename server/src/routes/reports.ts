import {
  claimsExportQuerySchema, claimsQuerySchema, claimsReportSchema, complianceQuerySchema, complianceReportSchema, historyExportQuerySchema, historyQuerySchema, historyReportSchema,
  inactiveExportQuerySchema, inactiveQuerySchema, inactiveReportSchema, usageQuerySchema, usageReportSchema,
  type ClaimsReport, type ComplianceReport, type HistoryReport, type InactiveReport, type UsageReport,
} from '@seatwise/shared';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { z } from 'zod';
import { poolViews } from '../engine/changes/pools.ts';
import type { AppEnv } from '../http/context.ts';
import { orgInScope, poolOrgVisible } from '../http/scope.ts';
import { validate } from '../http/validate.ts';
import { CLAIM_COLUMNS, claimsPage, claimsPages, countClaims } from '../reports/claims.ts';
import { COMPLIANCE_COLUMNS, complianceCsvRows, complianceFacts } from '../reports/compliance.ts';
import { CSV_PAGE_ROWS, csvResponse } from '../reports/csv.ts';
import { HISTORY_COLUMNS, historyPage } from '../reports/history.ts';
import { INACTIVE_COLUMNS, countInactive, inactivePage } from '../reports/inactive.ts';
import { okCsv, okJson } from '../reports/openapi.ts';
import { allPages, reportOrgs } from '../reports/paging.ts';
import { recommendations } from '../reports/recommendations.ts';
import { USAGE_COLUMNS, usageRange, usageSeries } from '../reports/usage-series.ts';
import { visibleUser } from './helpers.ts';

const tags = ['reports'];
type Ctx = Context<AppEnv>;

/* Each report is a JSON route (one page, typed as its shared schema) and a sibling `…/export.csv` route (the whole filtered table). */

const scoped = <Q extends { orgId?: string }>(c: Ctx, { orgId, ...rest }: Q) => ({ ...rest, orgs: reportOrgs(c.var.caller, orgId) });

async function usageOf(c: Ctx, q: z.output<typeof usageQuerySchema>) {
  const { caller } = c.var;
  const { engine } = c.var.services;
  const now = engine.now();
  const range = usageRange(now, q);
  const all = [...caller.tree.byId.keys()];
  const view = {
    poolOrgs: caller.scope === null ? null : new Set(all.filter((id) => poolOrgVisible(caller, id))),
    userOrgs: caller.scope === null ? null : new Set(all.filter((id) => orgInScope(caller, id))),
  };
  return { range, points: await usageSeries(engine.db, caller.tree, view, now, { ...range, sku: q.sku }) };
}

async function complianceOf(c: Ctx, q: z.output<typeof complianceQuerySchema>) {
  const { caller } = c.var;
  const { engine } = c.var.services;
  const narrowed = reportOrgs(caller, q.orgId);
  const now = engine.now();
  const pools = await poolViews(engine.db, caller.tree, now, (id) => poolOrgVisible(caller, id) && (!q.orgId || narrowed!.has(id)));
  const facts = await complianceFacts(engine.db, caller.tree, pools.filter((p) => !q.sku || p.sku === q.sku), now, caller.scope);
  return { facts, recs: recommendations(facts) };
}

export const reportRoutes = new Hono<AppEnv>()
  .get(
    '/reports/claims',
    describeRoute({ tags, summary: 'License claims: who got which license, when, from which pool and SKU, how and by whom', responses: okJson(claimsReportSchema, 'A page of claims, newest first, with the filtered total and the seats those claims took') }),
    validate('query', claimsQuerySchema),
    async (c) => {
      const { db } = c.var.services.engine;
      const { cursor, limit, ...rest } = c.req.valid('query');
      const filter = scoped(c, rest);
      const [counts, page] = await Promise.all([countClaims(db, filter), claimsPage(db, filter, cursor, limit)]);
      return c.json<ClaimsReport>({ ...counts, ...page });
    },
  )
  .get('/reports/claims/export.csv', describeRoute({ tags, summary: 'Every claim the filters match, as CSV', responses: okCsv('The filtered claims, newest first') }), validate('query', claimsExportQuerySchema), (c) => {
    const { db } = c.var.services.engine;
    const pages = claimsPages(scoped(c, c.req.valid('query')), CSV_PAGE_ROWS);
    return csvResponse(c, 'claims', CLAIM_COLUMNS, allPages((cur) => pages(db, cur)));
  })
  .get(
    '/reports/usage',
    describeRoute({ tags, summary: 'Daily usage per SKU (total, assigned, available, active users, utilization, waiting); today is computed live', responses: okJson(usageReportSchema, 'The series, oldest first') }),
    validate('query', usageQuerySchema),
    async (c) => {
      const { range, points } = await usageOf(c, c.req.valid('query'));
      return c.json<UsageReport>({ ...range, points });
    },
  )
  .get('/reports/usage/export.csv', describeRoute({ tags, summary: 'The usage series as CSV', responses: okCsv('The series, oldest first') }), validate('query', usageQuerySchema), async (c) => {
    const { points } = await usageOf(c, c.req.valid('query'));
    return csvResponse(c, 'usage', USAGE_COLUMNS, [points]);
  })
  .get(
    '/reports/inactive',
    describeRoute({ tags, summary: 'Licensed users not seen within `days` (30, 60 or 90), never-seen first', responses: okJson(inactiveReportSchema, 'A page of inactive assignments') }),
    validate('query', inactiveQuerySchema),
    async (c) => {
      const { engine } = c.var.services;
      const { cursor, limit, ...rest } = c.req.valid('query');
      const filter = scoped(c, rest);
      const now = engine.now();
      const [total, page] = await Promise.all([countInactive(engine.db, filter, now), inactivePage(engine.db, filter, now, cursor, limit)]);
      return c.json<InactiveReport>({ days: rest.days, total, ...page });
    },
  )
  .get('/reports/inactive/export.csv', describeRoute({ tags, summary: 'Every inactive assignment the filters match, as CSV', responses: okCsv('The inactive assignments, never-seen first') }), validate('query', inactiveExportQuerySchema), (c) => {
    const { engine } = c.var.services;
    const q = c.req.valid('query');
    const filter = scoped(c, q);
    const now = engine.now();
    return csvResponse(c, `inactive-${q.days}d`, INACTIVE_COLUMNS, allPages((cur) => inactivePage(engine.db, filter, now, cur, CSV_PAGE_ROWS)));
  })
  .get(
    '/reports/compliance',
    describeRoute({ tags, summary: 'Per pool compliance status and concrete recommendations', responses: okJson(complianceReportSchema, 'Pools and recommendations, most urgent first') }),
    validate('query', complianceQuerySchema),
    async (c) => {
      const { facts, recs } = await complianceOf(c, c.req.valid('query'));
      return c.json<ComplianceReport>({ pools: facts.map((f) => f.row), recommendations: recs });
    },
  )
  .get('/reports/compliance/export.csv', describeRoute({ tags, summary: 'The compliance table as CSV, each pool with its recommendations', responses: okCsv('One row per pool') }), validate('query', complianceQuerySchema), async (c) => {
    const { facts, recs } = await complianceOf(c, c.req.valid('query'));
    return csvResponse(c, 'compliance', COMPLIANCE_COLUMNS, [complianceCsvRows(facts, recs)]);
  })
  .get(
    '/reports/history',
    describeRoute({ tags, summary: "A user's license and role history, newest first", responses: okJson(historyReportSchema, 'A page of history entries') }),
    validate('query', historyQuerySchema),
    async (c) => {
      const { db } = c.var.services.engine;
      const { userId, cursor, limit } = c.req.valid('query');
      await visibleUser(c, userId);
      return c.json<HistoryReport>({ userId, ...(await historyPage(db, userId, cursor, limit)) });
    },
  )
  .get('/reports/history/export.csv', describeRoute({ tags, summary: "A user's whole license and role history as CSV", responses: okCsv('The history, newest first') }), validate('query', historyExportQuerySchema), async (c) => {
    const { db } = c.var.services.engine;
    const { userId } = c.req.valid('query');
    await visibleUser(c, userId);
    return csvResponse(c, `history-${userId}`, HISTORY_COLUMNS, allPages((cur) => historyPage(db, userId, cur, CSV_PAGE_ROWS)));
  });
