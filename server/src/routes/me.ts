import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../http/context.ts';
import { userViews } from '../engine/queries/user-views.ts';

export const meRoutes = new Hono<AppEnv>().get('/me', describeRoute({ tags: ['system'], summary: 'The caller, their authority and organization scope' }), async (c) => {
  const { caller } = c.var;
  const { engine } = c.var.services;
  const user = (await userViews(engine.db, [caller.userId], engine.now())).get(caller.userId) ?? null;
  const orgs = [...caller.tree.byId.values()].filter((o) => caller.scope === null || caller.scope.has(o.id));
  return c.json({
    user,
    authority: caller.authority,
    canChange: caller.authority === 'system_admin' || caller.authority === 'org_admin',
    scope: { all: caller.scope === null, rootOrgId: caller.scope === null ? null : caller.homeOrgId, orgs },
  });
});
