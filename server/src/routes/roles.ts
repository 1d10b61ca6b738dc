import { idSchema, rolePreviewSchema, roleSchema, roleSetSchema } from '@seatwise/shared';
import { Hono, type Context } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { previewRoles } from '../engine/changes/preview.ts';
import { changeRoles } from '../engine/changes/role-change.ts';
import type { RoleChange } from '../engine/changes/reconcile.ts';
import type { AppEnv } from '../http/context.ts';
import { requireChange } from '../http/scope.ts';
import { validate } from '../http/validate.ts';
import { seenBy, visibleUser } from './helpers.ts';

const idParam = z.object({ id: idSchema });
const roleParam = z.object({ id: idSchema, role: roleSchema });
const tags = ['roles'];

/** Every role change answers the same shape: the new roles and licenses, and what changed. */
async function applyRoles(c: Context<AppEnv>, userId: string, change: RoleChange, source: 'seatwise' | 'host') {
  const { caller } = c.var;
  requireChange(caller);
  // Who may change the user is decided on the snapshot the change is planned from (404 unseen, 403 homed
  // elsewhere), as for seat holds: no separate read of the user before it.
  // The user as the change left them comes back from the change's own write batch (no read after it).
  const { changes, user } = await changeRoles(c.var.services.engine, caller, { userId, roles: change, mode: source, how: source === 'host' ? 'host_sync' : 'role_grant' });
  const after = seenBy(caller, user, userId);
  return c.json({ roles: after.roles, licenses: after.licenses, changes, user: after });
}

export const roleRoutes = new Hono<AppEnv>()
  .put('/users/:id/roles/:role', describeRoute({ tags, summary: 'Grant a role; takes a seat if one is needed, or 409' }), validate('param', roleParam), (c) => {
    const { id, role } = c.req.valid('param');
    return applyRoles(c, id, { add: [role] }, 'seatwise');
  })
  .delete('/users/:id/roles/:role', describeRoute({ tags, summary: 'Revoke a role; releases what is no longer needed' }), validate('param', roleParam), (c) => {
    const { id, role } = c.req.valid('param');
    return applyRoles(c, id, { remove: [role] }, 'seatwise');
  })
  .put('/users/:id/roles', describeRoute({ tags, summary: 'Set the whole role set (a host form Save: source "host" never refuses, it waits)' }), validate('param', idParam), validate('json', roleSetSchema), (c) => {
    const { id } = c.req.valid('param');
    const { roles, source } = c.req.valid('json');
    return applyRoles(c, id, roles, source);
  })
  .post('/users/:id/roles/preview', describeRoute({ tags, summary: 'What a role set would acquire and release, changing nothing' }), validate('param', idParam), validate('json', rolePreviewSchema), async (c) => {
    const { id } = c.req.valid('param');
    await visibleUser(c, id);
    return c.json(await previewRoles(c.var.services.engine, id, c.req.valid('json').roles));
  });
