import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../http/context.ts';

export const healthRoutes = new Hono<AppEnv>().get(
  '/health',
  describeRoute({ tags: ['system'], summary: 'Liveness and database reachability (no auth)' }),
  async (c) => {
    try {
      await c.var.services.database.db.run(sql`select 1`);
      return c.json({ status: 'ok' as const, db: 'ok' as const });
    } catch {
      return c.json({ status: 'degraded' as const, db: 'unreachable' as const }, 503);
    }
  },
);
