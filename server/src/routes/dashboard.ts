import { Hono } from 'hono';
import { alertsFor } from '../alerts/current.ts';
import { describeRoute } from 'hono-openapi';
import { dashboard } from '../engine/queries/dashboard.ts';
import { poolViews } from '../engine/changes/pools.ts';
import type { AppEnv } from '../http/context.ts';
import { poolOrgVisible } from '../http/scope.ts';

export const dashboardRoutes = new Hono<AppEnv>().get(
  '/dashboard',
  describeRoute({ tags: ['reports'], summary: 'Per SKU totals, activity, waiting users and alerts' }),
  async (c) => {
    const { caller } = c.var;
    const { engine } = c.var.services;
    const now = engine.now();
    // Every pool once: the caller's for the totals, all of them for the alerts (filtered by who sees them).
    const all = await poolViews(engine.db, caller.tree, now);
    const pools = all.filter((p) => poolOrgVisible(caller, p.orgId));
    // The same alert list as GET /alerts (refusals and acknowledgements included).
    const [summary, alerts] = await Promise.all([dashboard(engine.db, pools, caller.scope, now, c.var.versions.seats), alertsFor(engine.db, caller, now, all)]);
    return c.json({ ...summary, alerts });
  },
);
