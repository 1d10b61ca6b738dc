import { idSchema, orgCreateSchema, orgPatchSchema } from '@seatwise/shared';
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { orgs, userOrgs } from '../db/schema.ts';
import { createReevaluationJob } from '../engine/bulk-jobs.ts';
import { appendAudit } from '../engine/audit.ts';
import { newId } from '../engine/ids.ts';
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
    if (body.parentId !== undefined) {
      if (body.parentId === null) requireSystemAdmin(caller);
      else {
        requireOrgsInScope(caller, [body.parentId], 'parentId');
        if (caller.tree.isWithin(body.parentId, id)) throw new ApiError('invalid_request', 'parentId: an organization cannot move below itself', { issues: [{ path: ['parentId'], message: 'would create a cycle' }] });
      }
    }
    const updated = await c.var.services.engine.change(caller.userId, async ({ tx, now }) => {
      const [before] = await tx.select().from(orgs).where(eq(orgs.id, id));
      if (!before) throw new ApiError('not_found', `organization ${id} not found`);
      const patch = { ...body, ...(body.products ? { products: [...new Set(body.products)] } : {}) };
      await tx.update(orgs).set(patch).where(eq(orgs.id, id));
      const after = { ...before, ...patch };
      await appendAudit(tx, now, [{ actorId: caller.userId, action: 'org.update', subjectType: 'org', subjectId: id, orgId: id, before, after }]);
      return { id, name: after.name, parentId: after.parentId, externalId: after.externalId, products: after.products };
    });
    // Activating or deactivating a product changes what this organization's users need.
    let jobId: string | null = null;
    if (body.products) {
      const homed = await c.var.services.engine.db.select({ userId: userOrgs.userId }).from(userOrgs).where(and(eq(userOrgs.orgId, id), eq(userOrgs.position, 0)));
      jobId = await createReevaluationJob(c.var.services.engine, caller.userId, homed.map((u) => u.userId));
      c.var.services.jobRunner?.poke();
    }
    return c.json({ ...updated, jobId });
  });
