import { idSchema, lookupRequestSchema, lookupResponseSchema, transferSchema, userListQuerySchema, userUpsertSchema } from '@seatwise/shared';
import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { activity, auditLog } from '../db/schema.ts';
import { poolNamesOf } from '../engine/queries/pool-label.ts';
import { diagnoseAccess } from '../engine/policy/diagnosis.ts';
import { reconcileInTx } from '../engine/engine.ts';
import { listUserIds } from '../engine/queries/user-list.ts';
import { lookupUsers } from '../engine/queries/user-lookup.ts';
import { userViews } from '../engine/queries/user-views.ts';
import { loadRules } from '../engine/changes/rules.ts';
import type { AppEnv } from '../http/context.ts';
import { respondJsonBytes } from '../http/json-bytes.ts';
import { okJson } from '../reports/openapi.ts';
import { resolveOrgRef, resolveOrgRefs } from '../http/org-refs.ts';
import { requireChange, requireOrgsInScope, requireUserChange, userInScope } from '../http/scope.ts';
import { validate } from '../http/validate.ts';
import { changeAs, orgsKeepingOutsideScope, upsertAs, upsertInScope, visibleUser } from './helpers.ts';

const idParam = z.object({ id: idSchema });
const tags = ['users'];

export const userRoutes = new Hono<AppEnv>()
  .get('/users', describeRoute({ tags, summary: 'Users in scope, filtered, cursor-paginated by email' }), validate('query', userListQuerySchema), async (c) => {
    const { caller } = c.var;
    const { engine } = c.var.services;
    const asked = c.req.valid('query');
    const q = { ...asked, orgId: asked.orgId ? resolveOrgRef(caller, asked.orgId, 'orgId') : undefined };
    if (q.orgId) requireOrgsInScope(caller, [q.orgId], 'orgId');
    const page = await listUserIds(engine.db, { ...q, orgIds: q.orgId ? caller.tree.subtree(q.orgId) : undefined }, caller.scope);
    const views = await userViews(engine.db, page.ids, engine.now());
    return c.json({ users: page.ids.map((id) => views.get(id)!), nextCursor: page.nextCursor });
  })
  .post('/users', describeRoute({ tags, summary: 'Create or update a user by email or externalId; licenses follow roles' }), validate('json', userUpsertSchema), async (c) => {
    const { caller } = c.var;
    requireChange(caller);
    const body = upsertInScope(caller, c.req.valid('json'));
    const result = await changeAs(c, (ctx) => upsertAs(ctx, caller, body));
    const user = await visibleUser(c, result.userId);
    return c.json({ user, created: result.created, changes: result.changes }, result.created ? 201 : 200);
  })
  .post(
    '/users/lookup',
    describeRoute({ tags, summary: 'Licenses and roles for up to 5,000 emails or external ids (a whole host page) in one round trip', responses: okJson(lookupResponseSchema) }),
    validate('json', lookupRequestSchema),
    async (c) => {
      const { caller } = c.var;
      const { engine } = c.var.services;
      const body = c.req.valid('json');
      const answer = await lookupUsers(engine.db, c.var.versions, { emails: body.emails ?? [], externalIds: body.externalIds ?? [] }, engine.now(), (u) => userInScope(caller, u));
      return respondJsonBytes(c, answer);
    },
  )
  .get('/users/:id', describeRoute({ tags, summary: 'A user with licenses, activity, recent events and an access diagnosis' }), validate('param', idParam), async (c) => {
    const { engine } = c.var.services;
    const { caller } = c.var;
    const user = await visibleUser(c, c.req.valid('param').id);
    const [rawEvents, lastActivity, rules] = await Promise.all([
      engine.db.select().from(auditLog).where(eq(auditLog.subjectId, user.id)).orderBy(desc(auditLog.seq)).limit(20),
      engine.db.select({ product: activity.product, lastAt: activity.lastAt }).from(activity).where(eq(activity.userId, user.id)),
      loadRules(engine.db),
    ]);
    const parsed = rawEvents.map((e) => ({ e, before: e.before ? JSON.parse(e.before) : null, after: e.after ? JSON.parse(e.after) : null }));
    // Events name pools by id; say the name, as everything else the user reads does (only the pools they mention).
    const poolIdOf = (p: { before: { poolId?: string } | null; after: { poolId?: string } | null }) => p.after?.poolId ?? p.before?.poolId ?? null;
    const poolNames = await poolNamesOf(engine.db, parsed.map(poolIdOf));
    return c.json({
      user,
      activity: lastActivity,
      access: diagnoseAccess(user, caller.tree, rules),
      events: parsed.map((p) => {
        const poolId = poolIdOf(p);
        return { seq: p.e.seq, at: p.e.at, action: p.e.action, actorId: p.e.actorId, before: p.before, after: p.after, poolName: poolId ? (poolNames.get(poolId) ?? poolId) : null };
      }),
    });
  })
  .post('/users/:id/archive', describeRoute({ tags, summary: 'Archive: releases every license' }), validate('param', idParam), async (c) => {
    const { caller } = c.var;
    requireChange(caller);
    const { id } = c.req.valid('param');
    const changes = await changeAs(c, async (ctx) => {
      await requireUserChange(ctx, caller, id);
      return reconcileInTx(ctx, { userId: id, archive: true, mode: 'seatwise', how: 'role_grant' });
    });
    return c.json({ user: await visibleUser(c, id), changes });
  })
  .post('/users/:id/transfer', describeRoute({ tags, summary: 'Move a user to other organizations; licenses re-evaluated against the new home' }), validate('param', idParam), validate('json', transferSchema), async (c) => {
    const { caller } = c.var;
    requireChange(caller);
    const { id } = c.req.valid('param');
    const named = resolveOrgRefs(caller, c.req.valid('json').orgIds);
    const changes = await changeAs(c, async (ctx) => {
      await requireUserChange(ctx, caller, id);
      // The caller moves the user within its own organizations; authorisations elsewhere stay.
      const orgIds = await orgsKeepingOutsideScope(ctx.tx, caller, id, named);
      return reconcileInTx(ctx, { userId: id, orgIds, mode: 'seatwise', how: 'transfer' });
    });
    return c.json({ user: await visibleUser(c, id), changes });
  });
