import { ROLES, type Role } from '@seatwise/shared/catalog';

/**
 * The host platform's own record of a user, read from the platform's API —
 * never from the page's DOM, which any script on the page can forge. What
 * the overlay syncs to Seatwise as a host change is only ever this.
 */
export interface HostRecord {
  hostUserId: string;
  email: string;
  firstName: string;
  lastName: string;
  orgIds: string[];
  roles: Role[];
}

/** Where the stand-in host v1 (2026-11) serves a user record: `GET /demo/api/users/:id` → `{user}`. */
export const HOST_USER_PATH = '/demo/api/users/';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

/**
 * The record, or null when the platform does not know the user or answers
 * something else. Fetched by the background (which holds the site's host
 * permission), so neither the page's scripts nor a service worker the page
 * registered can answer in the platform's place.
 */
export async function readHostRecord(hostUserId: string, origin: string): Promise<HostRecord | null> {
  const res = await fetch(new URL(HOST_USER_PATH + encodeURIComponent(hostUserId), origin), { credentials: 'include', cache: 'no-store', headers: { Accept: 'application/json' } });
  if (!res.ok) return null;
  const user = ((await res.json().catch(() => null)) as { user?: Record<string, unknown> } | null)?.user;
  if (!user || user.id !== hostUserId || typeof user.email !== 'string') return null;
  return {
    hostUserId,
    email: user.email.toLowerCase(),
    firstName: typeof user.firstName === 'string' ? user.firstName : '',
    lastName: typeof user.lastName === 'string' ? user.lastName : '',
    orgIds: strings(user.orgIds),
    roles: strings(user.roles).filter(isRole),
  };
}

/** Whether the platform's record changed in what Seatwise keeps (email, name, organizations in order, roles). */
export function recordChanged(before: HostRecord, after: HostRecord): boolean {
  const key = (r: HostRecord) => JSON.stringify([r.email, r.firstName, r.lastName, r.orgIds, [...r.roles].sort()]);
  return key(before) !== key(after);
}
