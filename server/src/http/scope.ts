import type { User } from '@seatwise/shared';
import { asc, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { userOrgs } from '../db/schema.ts';
import type { OrgTree } from '../engine/queries/org-tree.ts';
import { ApiError } from '../errors.ts';
import type { Caller } from './context.ts';

/** Scope rules in one place: what a caller may see and change. */

export const canChange = (caller: Pick<Caller, 'authority'>) => caller.authority === 'system_admin' || caller.authority === 'org_admin';

export function requireChange(caller: Caller): void {
  if (!canChange(caller)) throw new ApiError('forbidden', `a ${caller.authority} token can read but not change`);
}

export function requireSystemAdmin(caller: Caller): void {
  if (caller.authority !== 'system_admin') throw new ApiError('forbidden', 'only a system administrator can do this');
}

export const orgInScope = (caller: Caller, orgId: string) => caller.scope === null || caller.scope.has(orgId);

export const userInScope = (caller: Caller, user: Pick<User, 'orgIds'>) => user.orgIds.some((id) => orgInScope(caller, id));

/** Organizations a caller's users may draw seats from: their subtree and the ancestors above it. */
export function poolOrgVisible(caller: Caller, orgId: string): boolean {
  if (caller.scope === null) return true;
  if (caller.scope.has(orgId)) return true;
  return caller.homeOrgId !== null && caller.tree.ancestors(caller.homeOrgId).includes(orgId);
}

/** Each organization must exist and lie in the caller's scope (404 outside it: nothing leaks). */
export function requireOrgsInScope(caller: Caller, orgIds: string[], field = 'orgIds'): void {
  for (const id of orgIds) {
    if (!caller.tree.get(id) || !orgInScope(caller, id)) {
      throw new ApiError('not_found', `organization ${id} not found`, { field });
    }
  }
}

/* ---------- who may change a user ---------- */

/**
 * Whom a change is made as: an authority and the organization its subtree
 * hangs from. A job stores it, so its items are checked as its creator was.
 */
export type Actor = Pick<Caller, 'authority' | 'homeOrgId'>;

/**
 * `ok`: the actor may change the user. `unseen`: the user does not exist or
 * lies wholly outside the actor's scope. `homed_elsewhere`: the actor sees the
 * user (a second organization of theirs is in scope) but may not change it.
 */
export type UserVerdict = 'ok' | 'unseen' | 'homed_elsewhere';

/**
 * Who may change a user (DESIGN "Who may change a user"), the one rule every
 * write that touches a user goes through: a system admin changes anyone; an
 * org admin changes a user whose *home* organization (position 0) lies in
 * the admin's subtree. Authorisation in a second organization gives
 * visibility, not control: otherwise a school admin could move, re-role or
 * mint tokens for another school's staff, drawing on that school's pools.
 *
 * Decided from the organizations read through `db` and the `tree` given:
 * callers pass their write transaction and its freshly loaded tree, so a
 * concurrent transfer or org move cannot slip between check and write.
 */
export async function userVerdicts(db: DbOrTx, tree: OrgTree, actor: Actor, userIds: string[]): Promise<Map<string, UserVerdict>> {
  const orgsOf = new Map<string, string[]>();
  for (let i = 0; i < userIds.length; i += 900) {
    const rows = await db
      .select({ userId: userOrgs.userId, orgId: userOrgs.orgId })
      .from(userOrgs)
      .where(inArray(userOrgs.userId, userIds.slice(i, i + 900)))
      .orderBy(asc(userOrgs.userId), asc(userOrgs.position));
    for (const r of rows) (orgsOf.get(r.userId) ?? orgsOf.set(r.userId, []).get(r.userId)!).push(r.orgId);
  }
  return new Map(userIds.map((id) => [id, verdictOn(tree, actor, orgsOf.get(id) ?? [])]));
}

/** The rule on a user's organizations already read (home first). */
export function verdictOn(tree: OrgTree, actor: Actor, orgIds: string[]): UserVerdict {
  if (!orgIds.some((orgId) => actorReaches(tree, actor, orgId))) return 'unseen';
  return mayChangeHomedIn(tree, actor, orgIds[0]) ? 'ok' : 'homed_elsewhere';
}

const actorReaches = (tree: OrgTree, actor: Actor, orgId: string) => actor.authority === 'system_admin' || (actor.homeOrgId !== null && tree.isWithin(orgId, actor.homeOrgId));

/**
 * The rule's core, on a home organization already read (an import plans
 * thousands of rows from one read): may `actor` change a user homed there?
 */
export function mayChangeHomedIn(tree: OrgTree, actor: Actor, homeOrgId: string | undefined): boolean {
  return homeOrgId !== undefined && canChange(actor) && actorReaches(tree, actor, homeOrgId);
}

export async function userVerdict(db: DbOrTx, tree: OrgTree, actor: Actor, userId: string): Promise<UserVerdict> {
  return (await userVerdicts(db, tree, actor, [userId])).get(userId)!;
}

/**
 * The rule as a write by user id answers it: 404 for a user the actor cannot
 * see (the same answer as for one that does not exist), 403 for one it sees
 * through a second organization but whose home is elsewhere.
 */
export async function requireUserChange(ctx: { tx: DbOrTx; tree: OrgTree }, actor: Actor, userId: string): Promise<void> {
  requireVerdict(await userVerdict(ctx.tx, ctx.tree, actor, userId), userId);
}

/** The rule's answer for a verdict already reached (a planned change reads the user's organizations in its snapshot). */
export function requireVerdict(verdict: UserVerdict, userId: string): void {
  if (verdict === 'unseen') throw new ApiError('not_found', `user ${userId} not found`);
  if (verdict === 'homed_elsewhere') {
    throw new ApiError('forbidden', `user ${userId} is homed in an organization outside your scope: you can see it, but only administrators of its home organization can change it`);
  }
}
