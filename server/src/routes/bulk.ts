import { bulkRolesSchema, idSchema } from '@seatwise/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { createBulkRolesJob, jobView } from '../engine/bulk-jobs.ts';
import { userViews } from '../engine/user-views.ts';
import { ApiError } from '../errors.ts';
import type { AppEnv } from '../http/context.ts';
import { requireChange, userInScope } from '../http/scope.ts';
import { validate } from '../http/validate.ts';

const tags = ['bulk'];

export const bulkRoutes = new Hono<AppEnv>()
  .post('/bulk/roles', describeRoute({ tags, summary: 'Add and remove roles for many users; answers a job to follow' }), validate('json', bulkRolesSchema), async (c) => {
    const { caller } = c.var;
    const { engine, jobRunner } = c.var.services;
    requireChange(caller);
    const body = c.req.valid('json');
    const views = await userViews(engine.db, body.userIds, engine.now());
    const missing = body.userIds.filter((id) => !views.has(id) || !userInScope(caller, views.get(id)!));
    if (missing.length) throw new ApiError('not_found', `${missing.length} users not found: ${missing.slice(0, 5).join(', ')}`, { userIds: missing.slice(0, 100) });
    const id = await createBulkRolesJob(engine, caller.userId, body.userIds, { add: body.add, remove: body.remove, mode: body.source });
    jobRunner?.poke();
    return c.json({ jobId: id, job: await jobView(engine.db, id) }, 202);
  })
  .get('/jobs/:id', describeRoute({ tags, summary: 'Progress of a job and, per user, done or refused (code)' }), validate('param', z.object({ id: idSchema })), async (c) => {
    const { caller } = c.var;
    const job = await jobView(c.var.services.engine.db, c.req.valid('param').id);
    if (!job || (caller.authority !== 'system_admin' && job.actorId !== caller.userId)) throw new ApiError('not_found', 'job not found');
    const { actorId: _actor, ...rest } = job;
    return c.json(rest);
  });
