import type { Caller } from '../http/context.ts';
import { orgInScope } from '../http/scope.ts';

/**
 * Whether an import may change this existing user: their home organization
 * lies in the caller's subtree. Every import scope check about a user goes
 * through here, so this is the one line to point at http/scope.ts's
 * "may change this user" rule once that rule lands there.
 */
export function mayChangeUser(caller: Pick<Caller, 'scope'>, user: { orgIds: readonly string[] }): boolean {
  const home = user.orgIds[0];
  return home !== undefined && orgInScope(caller as Caller, home);
}
