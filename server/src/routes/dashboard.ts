import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { dashboard } from '../engine/dashboard.ts';
import { poolViews } from '../engine/pools.ts';
import type { AppEnv } from '../http/context.ts';
import { poolOrgVisible } from '../http/scope.ts';

export const dashboardRoutes = new Hono<AppEnv>().get(
  '/dashboard',
  describeRoute({ tags: ['reports'], summary: 'Per SKU totals, activity, waiting users and alerts' }),
  async (c) => {
    const { caller } = c.var;
    const { engine } = c.var.services;
    const now = engine.now();
    const pools = await poolViews(engine.db, caller.tree, now, (id) => poolOrgVisible(caller, id));
    return c.json(await dashboard(engine.db, pools, caller.scope, now));
  },
);
