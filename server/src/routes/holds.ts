import { holdReleaseQuerySchema, idSchema, roleSchema, seatHoldListSchema, seatHoldSchema } from '@seatwise/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { placeHoldAs, releaseHoldAs } from '../engine/changes/hold-change.ts';
import { DEFAULT_HOLD_TTL_MS, holdView, holdsOf } from '../engine/changes/holds.ts';
import { ApiError } from '../errors.ts';
import type { AppEnv } from '../http/context.ts';
import { requireChange } from '../http/scope.ts';
import { validate } from '../http/validate.ts';
import { okJson } from '../reports/openapi.ts';
import { visibleUser } from './helpers.ts';

const idParam = z.object({ id: idSchema });
const roleParam = z.object({ id: idSchema, role: roleSchema });
const tags = ['roles'];

/**
 * Seat holds: what the Edit User quick toggle asks for. Placing and releasing
 * go through the one rule for changing a user, applied to the snapshot the
 * change is planned from and guarded when it is written (hold-change.ts).
 */
export const holdRoutes = new Hono<AppEnv>()
  .get('/users/:id/holds', describeRoute({ tags, summary: 'The seat holds a user has, oldest first', responses: okJson(seatHoldListSchema) }), validate('param', idParam), async (c) => {
    const { id } = c.req.valid('param');
    await visibleUser(c, id);
    return c.json({ holds: await holdsOf(c.var.services.engine.db, id) });
  })
  .put(
    '/users/:id/holds/:role',
    describeRoute({
      tags,
      summary: 'Hold the seats a role would take (taken for everyone else) until a host Save grants it, it is released, or it expires; 409 when no seat is free, changing nothing',
      responses: okJson(seatHoldSchema, 'The hold, placed or renewed'),
    }),
    validate('param', roleParam),
    async (c) => {
      const { id, role } = c.req.valid('param');
      const { caller } = c.var;
      requireChange(caller);
      const ttl = c.var.services.holdTtlMs ?? DEFAULT_HOLD_TTL_MS;
      const hold = await placeHoldAs(c.var.services.engine, caller, id, role, ttl);
      return c.json(holdView(hold));
    },
  )
  .delete(
    '/users/:id/holds/:role',
    describeRoute({ tags, summary: 'Release a hold without granting its role (the admin unticked it, or left the form without saving); 404 when there is none' }),
    validate('param', roleParam),
    validate('query', holdReleaseQuerySchema),
    async (c) => {
      const { id, role } = c.req.valid('param');
      const { reason } = c.req.valid('query');
      const { caller } = c.var;
      requireChange(caller);
      const released = await releaseHoldAs(c.var.services.engine, caller, id, role, reason);
      // Already converted by a Save, expired or released elsewhere: nothing was held.
      if (!released) throw new ApiError('not_found', `user ${id} has no hold for the ${role} role`);
      return c.json({ released: true });
    },
  );
