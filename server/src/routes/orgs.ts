import { idSchema, orgCreateSchema, orgPatchSchema, transferSchema } from '@seatwise/shared';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { orgs } from '../db/schema.ts';
import { reevaluateInTx } from '../engine/changes/bulk-jobs.ts';
import { appendAudit } from '../engine/changes/audit.ts';
import { previewEffect } from '../engine/changes/preview-effect.ts';
import { previewTransfer } from '../engine/changes/preview-transfer.ts';
import type { EngineCtx } from '../engine/changes/reconcile.ts';
import { newId } from '../engine/policy/ids.ts';
import { ApiError } from '../errors.ts';
import type { AppEnv } from '../http/context.ts';
import type { Caller } from '../http/context.ts';
import { resolveOrgRef, resolveOrgRefs } from '../http/org-refs.ts';
import { orgInScope, requireChange, requireOrgsInScope, requireSystemAdmin, requireUserChange } from '../http/scope.ts';
import { validate } from '../http/validate.ts';

const idParam = z.object({ id: idSchema });
type OrgPatch = z.infer<typeof orgPatchSchema>;
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
    const { id, body } = checkedPatch(caller, c.req.valid('param').id, c.req.valid('json'));
    const updated = await c.var.services.engine.change(caller.userId, (ctx) => patchOrg(ctx, caller, id, body));
    if (updated.jobId) c.var.services.jobRunner?.poke();
    return c.json({ ...updated.org, jobId: updated.jobId });
  })
  /* ---- Administration: organizations and rules ---- */
  .post('/orgs/:id/preview', describeRoute({ tags, summary: 'What a PATCH /orgs/:id would do to licenses (users who gain, lose or wait, per product and pool), changing nothing' }), validate('param', idParam), validate('json', orgPatchSchema), async (c) => {
    const { caller } = c.var;
    const { id, body } = checkedPatch(caller, c.req.valid('param').id, c.req.valid('json'));
    const effect = await previewEffect(c.var.services.engine, caller.userId, caller.scope, async (ctx) => (await patchOrg(ctx, caller, id, body)).jobId);
    return c.json(effect);
  })
  .post('/users/:id/transfer/preview', describeRoute({ tags, summary: "What moving a user to these organizations on the platform would do to their licenses (a host change: waits, never refused), changing nothing" }), validate('param', idParam), validate('json', transferSchema), async (c) => {
    const { caller } = c.var;
    const { id } = c.req.valid('param');
    const orgIds = resolveOrgRefs(caller, c.req.valid('json').orgIds);
    requireOrgsInScope(caller, orgIds);
    await requireUserChange({ tx: c.var.services.engine.db, tree: caller.tree }, caller, id);
    return c.json(await previewTransfer(c.var.services.engine, id, orgIds));
  });

/** A PATCH as the caller may ask it: our ids, each organization in scope, a free platform id; 4xx before any transaction. */
function checkedPatch(caller: Caller, ref: string, asked: OrgPatch) {
  const id = resolveOrgRef(caller, ref, 'id');
  requireChange(caller);
  requireOrgsInScope(caller, [id], 'id');
  requireFreeExternalId(caller, asked.externalId, id);
  const body = { ...asked, ...(asked.parentId ? { parentId: resolveOrgRef(caller, asked.parentId, 'parentId') } : {}) };
  if (body.parentId === null) requireSystemAdmin(caller);
  else if (body.parentId !== undefined) requireOrgsInScope(caller, [body.parentId], 'parentId');
  return { id, body };
}

/**
 * Changes one organization inside the caller's transaction and records the
 * re-evaluation its users need: the PATCH itself, and what its preview does
 * before rolling back.
 */
async function patchOrg(ctx: EngineCtx, caller: Caller, id: string, body: OrgPatch) {
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
}
