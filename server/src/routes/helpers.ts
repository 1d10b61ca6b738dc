import type { User } from '@seatwise/shared';
import type { Context } from 'hono';
import type { EngineCtx } from '../engine/changes/reconcile.ts';
import type { AppEnv } from '../http/context.ts';
import { userInScope } from '../http/scope.ts';
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
