import type { User } from '@seatwise/shared';
import type { Context } from 'hono';
import type { EngineCtx } from '../engine/changes/reconcile.ts';
import { upsertUser, type UpsertInput } from '../engine/changes/users.ts';
import type { AppEnv, Caller } from '../http/context.ts';
import { resolveOrgRefs } from '../http/org-refs.ts';
import { requireOrgsInScope, userInScope, userVerdict } from '../http/scope.ts';
import { userViews } from '../engine/queries/user-views.ts';
import { ApiError } from '../errors.ts';

/** A user the caller may see, or 404 (the same answer as for a user who does not exist). */
export async function visibleUser(c: Context<AppEnv>, id: string): Promise<User> {
  const { engine } = c.var.services;
  const user = (await userViews(engine.db, [id], engine.now())).get(id);
  if (!user || !userInScope(c.var.caller, user)) throw new ApiError('not_found', `user ${id} not found`);
  return user;
}

/** A change the caller asked for: audited as theirs, and any advice it answers with names only users they may see. */
export function changeAs<T>(c: Context<AppEnv>, work: (ctx: EngineCtx) => Promise<T>): Promise<T> {
  const { caller } = c.var;
  return c.var.services.engine.change(caller.userId, work, caller.scope);
}

/** The upsert's organizations as our ids, each one the caller's (404 naming `field` otherwise). */
export function upsertInScope(caller: Caller, body: UpsertInput, field = 'orgIds'): UpsertInput {
  const orgIds = resolveOrgRefs(caller, body.orgIds, field);
  requireOrgsInScope(caller, orgIds, field);
  return { ...body, orgIds };
}

/**
 * Creates or updates a user as the caller (POST /users and POST /bulk/users).
 * Each user the upsert matches, by email and by externalId, passes the change rule before the
 * email/externalId conflict (409) is looked at, so a 409 only ever names the caller's own users.
 * A user outside the caller's control gets one answer whether it lies in another district or is
 * seen through a second organization: 403 naming the caller's own input, never "taken" or where.
 * Emails are unique platform-wide, so a create that cannot proceed always says *something*; this
 * says no more than "not yours to use", as for any organization outside the caller's scope.
 */
export function upsertAs(ctx: EngineCtx, caller: Caller, body: UpsertInput) {
  return upsertUser(ctx, body, undefined, async (found, field) => {
    if ((await userVerdict(ctx.tx, ctx.tree, caller, found)) !== 'ok') {
      throw new ApiError('forbidden', `${field} ${body[field]} cannot be used from your scope`, { field });
    }
  });
}
