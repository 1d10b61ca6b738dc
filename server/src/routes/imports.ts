import { IMPORT_BODY_LIMIT_BYTES, IMPORT_COLUMNS, importKindSchema, importMappingQuerySchema, importMappingSchema, importQuerySchema, importResultSchema, type ImportKind } from '@seatwise/shared';
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import type { AppEnv } from '../http/context.ts';
import { requireChange } from '../http/scope.ts';
import { validate } from '../http/validate.ts';
import { planActivity } from '../imports/activity-plan.ts';
import { createImportJob } from '../imports/job.ts';
import { districtOf, loadMapping, saveMapping } from '../imports/mappings.ts';
import { planOrgs } from '../imports/orgs-plan.ts';
import type { ImportPlan, PlanInput } from '../imports/plan.ts';
import { readRows } from '../imports/read-rows.ts';
import { planUsers } from '../imports/users-plan.ts';

const tags = ['imports'];
const kindParam = z.object({ kind: importKindSchema });
const planners: Record<ImportKind, (input: PlanInput) => Promise<ImportPlan>> = { orgs: planOrgs, users: planUsers, activity: planActivity };
/** Invalid rows named in a refusal (all of them are in the dry run). */
const REFUSAL_ISSUES = 1000;

const columnsDoc = Object.entries(IMPORT_COLUMNS)
  .map(([kind, cols]) => `\`${kind}\`: ${Object.values(cols).join(', ')}`)
  .join('; ');

export const importRoutes = new Hono<AppEnv>()
  .post(
    '/imports/:kind',
    describeRoute({
      tags,
      summary: 'Import organizations, users or activity from the platform\'s CSV export (or JSON); dry run first',
      description:
        `Columns as the platform prints them (${columnsDoc}); several organizations, roles or products in one cell separated by \`;\`. ` +
        'A district whose export names columns otherwise saves a mapping (PUT /imports/mappings/{kind}). ' +
        '`dryRun=true` answers what would happen and changes nothing; otherwise 202 with a job (GET /jobs/{id}), or 200 with `jobId: null` when nothing would change. ' +
        'A file with invalid rows is refused whole unless `skipInvalid=true`. `mode=sync` (users) also archives users of the imported organizations whom the file does not name. ' +
        `Bodies up to ${IMPORT_BODY_LIMIT_BYTES / 1024 / 1024} MiB.`,
      requestBody: {
        required: true,
        content: {
          'text/csv': { schema: { type: 'string' } },
          'application/json': { schema: { type: 'object', properties: { rows: { type: 'array', items: { type: 'object', additionalProperties: true } } } } },
        },
      },
      responses: {
        200: { description: 'Dry run (the report) or nothing to change (`jobId: null`)', content: { 'application/json': { schema: resolver(importResultSchema) } } },
        202: { description: 'Applying: follow the job', content: { 'application/json': { schema: resolver(importResultSchema) } } },
        400: { description: 'A wrong header, a broken file, or invalid rows (refused whole unless skipInvalid=true)' },
        413: { description: `Over ${IMPORT_BODY_LIMIT_BYTES / 1024 / 1024} MiB` },
      },
    }),
    validate('param', kindParam),
    validate('query', importQuerySchema),
    async (c) => {
      const { caller } = c.var;
      const { engine, jobRunner } = c.var.services;
      requireChange(caller);
      const { kind } = c.req.valid('param');
      const q = c.req.valid('query');
      if (q.mode === 'sync' && kind !== 'users') throw new ApiError('invalid_request', 'mode=sync archives missing users: it applies to users imports only', { issues: [{ path: ['mode'], message: 'users only' }] });
      const mapping = await loadMapping(engine.db, districtOf(caller, q.orgId), kind);
      const source = readRows(c.req.raw, kind, mapping);
      const plan = await planners[kind]({ source, caller, engine, dryRun: q.dryRun, mode: q.mode });
      if (q.dryRun) return c.json({ report: plan.report, jobId: null });
      const { invalid } = plan.report;
      if (invalid.length && !q.skipInvalid) {
        throw new ApiError('invalid_request', `${invalid.length} of ${plan.report.rows} rows are invalid, so nothing was imported: fix them, or import the rest with skipInvalid=true`, {
          issues: invalid.slice(0, REFUSAL_ISSUES).map((i) => ({ path: [i.line, i.field ?? ''], message: i.reason })),
          invalid: invalid.slice(0, REFUSAL_ISSUES),
        });
      }
      if (plan.items.length === 0) return c.json({ report: plan.report, jobId: null });
      const jobId = await createImportJob(engine, caller, plan);
      jobRunner?.poke();
      return c.json({ report: plan.report, jobId }, 202);
    },
  )
  .get(
    '/imports/mappings/:kind',
    describeRoute({ tags, summary: "A district's saved column mapping for an import kind (its header → our field)" }),
    validate('param', kindParam),
    validate('query', importMappingQuerySchema),
    async (c) => {
      const { caller } = c.var;
      const district = requireDistrict(districtOf(caller, c.req.valid('query').orgId));
      const { kind } = c.req.valid('param');
      return c.json({ districtId: district, kind, columns: await loadMapping(c.var.services.engine.db, district, kind), fields: IMPORT_COLUMNS[kind] });
    },
  )
  .put(
    '/imports/mappings/:kind',
    describeRoute({ tags, summary: "Save a district's column mapping for an import kind; later imports read the district's export through it" }),
    validate('param', kindParam),
    validate('json', importMappingSchema),
    async (c) => {
      const { caller } = c.var;
      const { engine } = c.var.services;
      requireChange(caller);
      const body = c.req.valid('json');
      const district = requireDistrict(districtOf(caller, body.orgId));
      const { kind } = c.req.valid('param');
      await engine.change(caller.userId, (ctx) => saveMapping(ctx.tx, district, kind, body.columns, ctx.now));
      return c.json({ districtId: district, kind, columns: body.columns, fields: IMPORT_COLUMNS[kind] });
    },
  );

function requireDistrict(districtId: string | null): string {
  if (!districtId) throw new ApiError('invalid_request', 'orgId: name an organization of the district the mapping belongs to', { issues: [{ path: ['orgId'], message: 'required for a caller without an organization' }] });
  return districtId;
}
