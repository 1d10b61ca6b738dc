import { idSchema, poolCreateSchema, poolPatchSchema, renewalSchema } from '@seatwise/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { previewPoolChange } from '../engine/changes/pool-preview.ts';
import { createPool, poolViews, renewalTerms, renewPool, updatePool, type PoolTermsPatch } from '../engine/changes/pools.ts';
import { ApiError } from '../errors.ts';
import type { AppEnv, Caller } from '../http/context.ts';
import { resolveOrgRef } from '../http/org-refs.ts';
import { orgInScope, poolOrgVisible, requireChange, requireOrgsInScope, userInScope } from '../http/scope.ts';
import { validate } from '../http/validate.ts';
import type { Context } from 'hono';

const idParam = z.object({ id: idSchema });
const listQuery = z.strictObject({ orgId: idSchema.optional() });
const tags = ['pools'];

async function visiblePool(c: Context<AppEnv>, id: string) {
  const { caller } = c.var;
  const { engine } = c.var.services;
  const pool = (await poolViews(engine.db, caller.tree, engine.now(), (orgId) => poolOrgVisible(caller, orgId))).find((p) => p.id === id);
  if (!pool) throw new ApiError('not_found', `pool ${id} not found`);
  return pool;
}

/** Only pools owned inside the caller's subtree can be changed (a school admin cannot buy for the district). */
function requirePoolChange(caller: Caller, orgId: string) {
  requireChange(caller);
  if (!orgInScope(caller, orgId)) throw new ApiError('forbidden', 'this pool belongs to an organization above your scope');
}

export const poolRoutes = new Hono<AppEnv>()
  .get('/pools', describeRoute({ tags, summary: 'Pools the caller can see, with live seat counts' }), validate('query', listQuery), async (c) => {
    const { caller } = c.var;
    const { engine } = c.var.services;
    const asked = c.req.valid('query').orgId;
    const orgId = asked ? resolveOrgRef(caller, asked, 'orgId') : undefined;
    const list = await poolViews(engine.db, caller.tree, engine.now(), (id) => poolOrgVisible(caller, id) && (!orgId || id === orgId));
    return c.json({ pools: list });
  })
  .post('/pools', describeRoute({ tags, summary: 'Record a purchased pool' }), validate('json', poolCreateSchema), async (c) => {
    const { caller } = c.var;
    const { engine } = c.var.services;
    const asked = c.req.valid('json');
    requireChange(caller);
    const body = { ...asked, orgId: resolveOrgRef(caller, asked.orgId, 'orgId') };
    requireOrgsInScope(caller, [body.orgId], 'orgId');
    const id = await engine.change(caller.userId, (ctx) => createPool(ctx, body));
    return c.json(await visiblePool(c, id), 201);
  })
  .get('/pools/:id', describeRoute({ tags, summary: 'One pool' }), validate('param', idParam), async (c) => c.json(await visiblePool(c, c.req.valid('param').id)))
  .patch('/pools/:id', describeRoute({ tags, summary: 'Change seats, term, grace or overage allowance' }), validate('param', idParam), validate('json', poolPatchSchema), async (c) => {
    const { caller } = c.var;
    const { id } = c.req.valid('param');
    const pool = await visiblePool(c, id);
    requirePoolChange(caller, pool.orgId);
    await c.var.services.engine.change(caller.userId, (ctx) => updatePool(ctx, id, c.req.valid('json')));
    return c.json(await visiblePool(c, id));
  })
  .post('/pools/:id/renewals', describeRoute({ tags, summary: 'Renew: new end and optionally new seats, applied at once' }), validate('param', idParam), validate('json', renewalSchema), async (c) => {
    const { caller } = c.var;
    const { id } = c.req.valid('param');
    const pool = await visiblePool(c, id);
    requirePoolChange(caller, pool.orgId);
    await c.var.services.engine.change(caller.userId, (ctx) => renewPool(ctx, id, c.req.valid('json')));
    return c.json(await visiblePool(c, id));
  })
  /* ---- Administration: pools ---- */
  .post(
    '/pools/:id/preview',
    describeRoute({ tags, summary: 'What a change of seats, term, grace or overage would do (licenses suspended or resumed, waiting users served, over-allocation), changing nothing' }),
    validate('param', idParam),
    validate('json', poolPatchSchema),
    async (c) => c.json(await previewAs(c, c.req.valid('param').id, c.req.valid('json'))),
  )
  .post(
    '/pools/:id/renewals/preview',
    describeRoute({ tags, summary: 'What a renewal would do (suspended licenses that resume, waiting users who get a seat), changing nothing' }),
    validate('param', idParam),
    validate('json', renewalSchema),
    async (c) => c.json(await previewAs(c, c.req.valid('param').id, renewalTerms(c.req.valid('json')))),
  );

/** A preview is asked by whoever could make the change, and answers as the engine would apply it. */
async function previewAs(c: Context<AppEnv>, id: string, patch: PoolTermsPatch) {
  const { caller } = c.var;
  const pool = await visiblePool(c, id);
  requirePoolChange(caller, pool.orgId);
  return previewPoolChange(c.var.services.engine, pool, patch, (user) => userInScope(caller, user));
}
