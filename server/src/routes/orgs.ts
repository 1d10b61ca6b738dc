import { idSchema, orgCreateSchema, orgPatchSchema } from '@seatwise/shared';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { orgs } from '../db/schema.ts';
import { reevaluateInTx } from '../engine/changes/bulk-jobs.ts';
import { appendAudit } from '../engine/changes/audit.ts';
import { newId } from '../engine/policy/ids.ts';
import { ApiError } from '../errors.ts';
import type { AppEnv } from '../http/context.ts';
import type { Caller } from '../http/context.ts';
import { resolveOrgRef } from '../http/org-refs.ts';
import { orgInScope, requireChange, requireOrgsInScope, requireSystemAdmin } from '../http/scope.ts';
import { validate } from '../http/validate.ts';

const idParam = z.object({ id: idSchema });
const tags = ['organizations'];

/** A platform id names one organization only, and never shadows one of our ids. */
export function requireFreeExternalId(caller: Caller, externalId: string | null | undefined, selfId?: string): void {
  if (!externalId) return;
  const holder = caller.tree.resolve(externalId);
  if (holder && holder !== selfId) throw new ApiError('conflict', `organization id ${externalId} is already taken`, { field: 'externalId' });
}

export const orgRoutes = new Hono<AppEnv>()
  .get('/orgs', describeRoute({ tags, summary: 'Organizations in the caller scope' }), (c) => {
    const { caller } = c.var;
    const list = [...caller.tree.byId.values()].filter((o) => orgInScope(caller, o.id));
    return c.json({ orgs: list });
  })
  .post('/orgs', describeRoute({ tags, summary: 'Create an organization' }), validate('json', orgCreateSchema), async (c) => {
    const { caller } = c.var;
    const body = c.req.valid('json');
    requireChange(caller);
    const parentId = body.parentId ? resolveOrgRef(caller, body.parentId, 'parentId') : null;
    if (parentId) requireOrgsInScope(caller, [parentId], 'parentId');
    else requireSystemAdmin(caller);
    requireFreeExternalId(caller, body.externalId);
    const id = newId('org');
    const org = { id, name: body.name, parentId, externalId: body.externalId ?? null, products: [...new Set(body.products)] };
    await c.var.services.engine.change(caller.userId, async ({ tx, now }) => {
      await tx.insert(orgs).values(org);
      await appendAudit(tx, now, [{ actorId: caller.userId, action: 'org.create', subjectType: 'org', subjectId: id, orgId: id, after: org }]);
    });
    return c.json(org, 201);
  })
  .get('/orgs/:id', describeRoute({ tags, summary: 'One organization' }), validate('param', idParam), (c) => {
    const { caller } = c.var;
    const id = resolveOrgRef(caller, c.req.valid('param').id, 'id');
    requireOrgsInScope(caller, [id], 'id');
    return c.json(caller.tree.get(id)!);
  })
  .patch('/orgs/:id', describeRoute({ tags, summary: 'Rename, move or change activated products' }), validate('param', idParam), validate('json', orgPatchSchema), async (c) => {
    const { caller } = c.var;
    const id = resolveOrgRef(caller, c.req.valid('param').id, 'id');
    const asked = c.req.valid('json');
    requireChange(caller);
    requireOrgsInScope(caller, [id], 'id');
    requireFreeExternalId(caller, asked.externalId, id);
    const body = { ...asked, ...(asked.parentId ? { parentId: resolveOrgRef(caller, asked.parentId, 'parentId') } : {}) };
    if (body.parentId === null) requireSystemAdmin(caller);
    else if (body.parentId !== undefined) requireOrgsInScope(caller, [body.parentId], 'parentId');
    const updated = await c.var.services.engine.change(caller.userId, async (ctx) => {
      const { tx, now, tree } = ctx;
      const [before] = await tx.select().from(orgs).where(eq(orgs.id, id));
      if (!before) throw new ApiError('not_found', `organization ${id} not found`);
      // Against the tree read in this transaction: two concurrent moves cannot make a cycle.
      if (body.parentId && tree.isWithin(body.parentId, id)) throw new ApiError('invalid_request', 'parentId: an organization cannot move below itself', { issues: [{ path: ['parentId'], message: 'would create a cycle' }] });
      const patch = { ...body, ...(body.products ? { products: [...new Set(body.products)] } : {}) };
      await tx.update(orgs).set(patch).where(eq(orgs.id, id));
      const after = { ...before, ...patch };
      await appendAudit(tx, now, [{ actorId: caller.userId, action: 'org.update', subjectType: 'org', subjectId: id, orgId: id, before, after }]);
      // Any change of the tree changes what users need or where their seats come from:
      // activations count for users homed here; a move changes the pools of everyone homed in the subtree.
      const moved = body.parentId !== undefined && body.parentId !== before.parentId;
      const productsChanged = !!body.products && [...patch.products!].sort().join() !== [...before.products].sort().join();
      const touched = moved ? tree.subtree(id) : productsChanged ? [id] : [];
      const jobId = await reevaluateInTx(ctx, { homeOrgIds: touched });
      return { org: { id, name: after.name, parentId: after.parentId, externalId: after.externalId, products: after.products }, jobId };
    });
    if (updated.jobId) c.var.services.jobRunner?.poke();
    return c.json({ ...updated.org, jobId: updated.jobId });
  });
