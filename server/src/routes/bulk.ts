import { bulkRolesSchema, bulkUsersSchema, idSchema, jobQuerySchema, jobSchema } from '@seatwise/shared';
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { z } from 'zod';
import { createBulkRolesJob, jobView } from '../engine/changes/bulk-jobs.ts';
import { ApiError } from '../errors.ts';
import { yieldToEventLoop } from '../event-loop.ts';
import type { AppEnv } from '../http/context.ts';
import { requireChange, userVerdicts } from '../http/scope.ts';
import { validate } from '../http/validate.ts';
import { changeAs, upsertAs, upsertInScope } from './helpers.ts';

const tags = ['bulk'];

export const bulkRoutes = new Hono<AppEnv>()
  .post('/bulk/roles', describeRoute({ tags, summary: 'Add and remove roles for many users; answers a job to follow' }), validate('json', bulkRolesSchema), async (c) => {
    const { caller } = c.var;
    const { engine, jobRunner } = c.var.services;
    requireChange(caller);
    const body = c.req.valid('json');
    // Refused up front as a whole; each item is checked again inside its own write, as the caller (see workJob).
    const verdicts = await userVerdicts(engine.db, caller.tree, caller, body.userIds);
    const missing = body.userIds.filter((id) => verdicts.get(id) === 'unseen');
    if (missing.length) throw new ApiError('not_found', `${missing.length} users not found: ${missing.slice(0, 5).join(', ')}`, { userIds: missing.slice(0, 100) });
    const elsewhere = body.userIds.filter((id) => verdicts.get(id) === 'homed_elsewhere');
    if (elsewhere.length) throw new ApiError('forbidden', `${elsewhere.length} users are homed in organizations outside your scope: ${elsewhere.slice(0, 5).join(', ')}`, { userIds: elsewhere.slice(0, 100) });
    const actor = { authority: caller.authority, homeOrgId: caller.homeOrgId };
    const id = await createBulkRolesJob(engine, caller.userId, body.userIds, { add: body.add, remove: body.remove, mode: body.source, actor });
    jobRunner?.poke();
    return c.json({ jobId: id, job: await jobView(engine.db, id) }, 202);
  })
  .post('/bulk/users', describeRoute({ tags, summary: 'Create or update up to 500 users in one transaction, all or nothing (a host bulk action, synced at once)' }), validate('json', bulkUsersSchema), async (c) => {
    const { caller } = c.var;
    requireChange(caller);
    const bodies = c.req.valid('json').users.map((u, i) => upsertInScope(caller, u, `users[${i}].orgIds`));
    const users = await changeAs(c, async (ctx) => {
      const out: { userId: string; created: boolean }[] = [];
      for (const [i, body] of bodies.entries()) {
        // Embedded queries are synchronous: a turn per user keeps the process answering meanwhile.
        if (i > 0) await yieldToEventLoop();
        try {
          const { userId, created } = await upsertAs(ctx, caller, body);
          out.push({ userId, created });
        } catch (error) {
          // The whole request is refused; say which user refused it.
          if (error instanceof ApiError) throw new ApiError(error.code, `users[${i}] (${body.email}): ${error.message}`, { ...error.details, index: i });
          throw error;
        }
      }
      return out;
    });
    return c.json({ users });
  })
  .get(
    '/jobs/:id',
    describeRoute({
      tags,
      summary: 'Progress of a job and, per item, done or refused (code)',
      description:
        'Counts always; which items beside them is `items`: `all` (default), `none` (counts only, for polling a progress bar), ' +
        'or `refused` a page at a time (`limit`, then `cursor` from `nextCursor`), each with its file `line` for an import.',
      responses: { 200: { description: 'The job', content: { 'application/json': { schema: resolver(jobSchema) } } }, 404: { description: 'No such job of yours' } },
    }),
    validate('param', z.object({ id: idSchema })),
    validate('query', jobQuerySchema),
    async (c) => {
      const { caller } = c.var;
      const job = await jobView(c.var.services.engine.db, c.req.valid('param').id, c.req.valid('query'));
      if (!job || (caller.authority !== 'system_admin' && job.actorId !== caller.userId)) throw new ApiError('not_found', 'job not found');
      const { actorId: _actor, ...rest } = job;
      return c.json(rest);
    },
  );
