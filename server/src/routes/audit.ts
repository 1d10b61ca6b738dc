import { auditQuerySchema } from '@seatwise/shared';
import { and, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { auditLog } from '../db/schema.ts';
import { verifyAuditChain } from '../engine/audit.ts';
import type { AppEnv } from '../http/context.ts';
import { requireSystemAdmin } from '../http/scope.ts';
import { validate } from '../http/validate.ts';

const tags = ['audit'];

export const auditRoutes = new Hono<AppEnv>()
  .get('/audit', describeRoute({ tags, summary: 'The audit log, newest first, filterable, cursor-paginated' }), validate('query', auditQuerySchema), async (c) => {
    const { caller } = c.var;
    const q = c.req.valid('query');
    const scope = caller.scope;
    const where = and(
      q.action ? eq(auditLog.action, q.action) : undefined,
      q.subjectId ? eq(auditLog.subjectId, q.subjectId) : undefined,
      q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
      q.from ? gte(auditLog.at, new Date(q.from).toISOString()) : undefined,
      q.to ? lte(auditLog.at, new Date(q.to).toISOString()) : undefined,
      q.cursor && /^\d+$/.test(q.cursor) ? lt(auditLog.seq, Number(q.cursor)) : undefined,
      scope === null ? undefined : scope.size ? sql`${auditLog.orgId} in (${sql.join([...scope].map((id) => sql`${id}`), sql`, `)})` : sql`0`,
    );
    const rows = await c.var.services.engine.db.select().from(auditLog).where(where).orderBy(desc(auditLog.seq)).limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    return c.json({
      entries: page.map((e) => ({ ...e, before: e.before ? JSON.parse(e.before) : null, after: e.after ? JSON.parse(e.after) : null })),
      nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.seq) : null,
    });
  })
  .get('/audit/verify', describeRoute({ tags, summary: 'Check the hash chain: {ok, entries, brokenAt}' }), async (c) => {
    requireSystemAdmin(c.var.caller);
    return c.json(await verifyAuditChain(c.var.services.engine.db));
  });
