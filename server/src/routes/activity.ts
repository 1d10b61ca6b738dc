import { activitySchema } from '@seatwise/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { recordActivity } from '../engine/changes/activity.ts';
import { userViews } from '../engine/queries/user-views.ts';
import type { AppEnv } from '../http/context.ts';
import { requireChange, userInScope } from '../http/scope.ts';
import { validate } from '../http/validate.ts';
import { withWriteTx } from '../db/write-tx.ts';

export const activityRoutes = new Hono<AppEnv>().post(
  '/activity',
  describeRoute({ tags: ['activity'], summary: 'Report logins / content use per user and product' }),
  validate('json', activitySchema),
  async (c) => {
    const { caller } = c.var;
    const { engine } = c.var.services;
    requireChange(caller);
    const { events } = c.req.valid('json');
    const result = await withWriteTx(engine.db, (tx) =>
      recordActivity(tx, events, engine.now(), async (ids) => {
        const views = await userViews(tx, ids, engine.now());
        return new Set([...views.values()].filter((u) => userInScope(caller, u)).map((u) => u.id));
      }),
    );
    return c.json(result);
  },
);
