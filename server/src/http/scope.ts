import type { User } from '@seatwise/shared';
import { ApiError } from '../errors.ts';
import type { Caller } from './context.ts';

/** Scope rules in one place: what a caller may see and change. */

export const canChange = (caller: Caller) => caller.authority === 'system_admin' || caller.authority === 'org_admin';

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
