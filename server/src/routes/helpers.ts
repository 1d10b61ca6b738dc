import type { User } from '@seatwise/shared';
import type { Context } from 'hono';
import type { EngineCtx } from '../engine/changes/reconcile.ts';
import { upsertUser, type UpsertInput } from '../engine/changes/users.ts';
import type { AppEnv, Caller } from '../http/context.ts';
import { resolveOrgRefs } from '../http/org-refs.ts';
import { orgInScope, userInScope, userVerdict } from '../http/scope.ts';
import { userOrgs } from '../db/schema.ts';
import type { Tx } from '../db/client.ts';
import { eq } from 'drizzle-orm';
import { userViews } from '../engine/queries/user-views.ts';
import { ApiError } from '../errors.ts';

/** A user the caller may see, or 404 (the same answer as for a user who does not exist). */
export async function visibleUser(c: Context<AppEnv>, id: string): Promise<User> {
  const { engine } = c.var.services;
  return seenBy(c.var.caller, (await userViews(engine.db, [id], engine.now())).get(id), id);
}

/** `user` (user `id`'s view) if the caller may see it, or 404 (the same answer as for a user who does not exist). */
export function seenBy(caller: Caller, user: User | undefined, id: string): User {
  if (!user || !userInScope(caller, user)) throw new ApiError('not_found', `user ${id} not found`);
  return user;
}

/** A change the caller asked for: audited as theirs, and any advice it answers with names only users they may see. */
export function changeAs<T>(c: Context<AppEnv>, work: (ctx: EngineCtx) => Promise<T>): Promise<T> {
  const { caller } = c.var;
  return c.var.services.engine.change(caller.userId, work, caller.scope);
}

/** The upsert's organizations as our ids (404 naming `field` for one that does not exist); which of them the caller may name is decided in the change (`upsertAs`). */
export function upsertInScope(caller: Caller, body: UpsertInput, field = 'orgIds'): UpsertInput & { orgField: string } {
  return { ...body, orgIds: resolveOrgRefs(caller, body.orgIds, field), orgField: field };
}

/**
 * The organizations a caller's change leaves a user in: the ones it named in
 * its scope first (so the home stays there), then the user's authorisations
 * outside its scope, which are not the caller's to add or remove. It may name
 * one the user already holds (the platform's own record does) and it stays;
 * naming any other organization outside its scope is refused as not found,
 * the same answer as for one that does not exist. A system admin's scope is
 * everything, so its list is taken as given.
 */
export async function orgsKeepingOutsideScope(tx: Tx, caller: Caller, userId: string | null, named: string[], field = 'orgIds'): Promise<string[]> {
  const current = userId ? (await tx.select({ orgId: userOrgs.orgId }).from(userOrgs).where(eq(userOrgs.userId, userId)).orderBy(userOrgs.position)).map((r) => r.orgId) : [];
  const outside = (id: string) => !orgInScope(caller, id);
  for (const id of named) if (outside(id) && !current.includes(id)) throw new ApiError('not_found', `organization ${id} not found`, { field });
  // The first is the user's home: a scoped caller may not hand its user to an organization above it.
  if (named.length && named.every(outside)) throw new ApiError('forbidden', `${field} must include one of your organizations: the user's home stays within your scope`, { field });
  return [...new Set([...named.filter((id) => !outside(id)), ...named.filter(outside), ...current.filter(outside)])];
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
export function upsertAs(ctx: EngineCtx, caller: Caller, { orgField, ...body }: ReturnType<typeof upsertInScope>) {
  return upsertUser(ctx, body, undefined, {
    user: async (found, field) => {
      if ((await userVerdict(ctx.tx, ctx.tree, caller, found)) !== 'ok') {
        throw new ApiError('forbidden', `${field} ${body[field]} cannot be used from your scope`, { field });
      }
    },
    // Only a user the caller may change keeps (or may be named in) its organizations outside the caller's scope;
    // for anyone else an organization outside it is "not found", whether or not the email is taken.
    orgIds: async (existing) => {
      const mine = existing && (await userVerdict(ctx.tx, ctx.tree, caller, existing)) === 'ok' ? existing : null;
      return orgsKeepingOutsideScope(ctx.tx, caller, mine, body.orgIds, orgField);
    },
  });
}
