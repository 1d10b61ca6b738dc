import { PRODUCTS, ROLES, type License, type LookupResult, type Product, type Role, type User, type UserStatus } from '@seatwise/shared';
import { inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { assignments, pools, users } from '../../db/schema.ts';
import { licenseStateFor, poolState } from '../policy/pool-state.ts';

/**
 * Keys go to SQLite in chunks of this many bound parameters (far under its
 * 32,766 limit); a whole lookup (≤ 1,000 keys) fits in one.
 */
const CHUNK = 1000;

function chunks<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

const productOrder = (p: Product) => PRODUCTS.indexOf(p);
const sortRoles = (roles: Role[]) => [...roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));

/**
 * Full user views for every user matching `where`, in two queries whatever
 * the count: the users with their organizations, roles and last activity
 * folded in by correlated subqueries, then their licenses with pool terms.
 * This is what lets a page of 1,000 rows be one round trip.
 */
async function viewsWhere(db: DbOrTx, where: SQL, now: Date): Promise<User[]> {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      externalId: users.externalId,
      status: users.status,
      orgIds: sql<string>`(select json_group_array(org_id) from (select org_id from user_orgs where user_orgs.user_id = ${users.id} order by position))`,
      roles: sql<string>`(select json_group_array(role) from user_roles where user_roles.user_id = ${users.id})`,
      lastActiveAt: sql<string | null>`(select max(last_at) from activity where activity.user_id = ${users.id})`,
    })
    .from(users)
    .where(where);
  if (rows.length === 0) return [];
  const licenseRows = await db
    .select({
      userId: assignments.userId,
      product: assignments.product,
      poolId: assignments.poolId,
      state: assignments.state,
      since: assignments.since,
      sku: pools.sku,
      poolName: pools.name,
      seats: pools.seats,
      endsAt: pools.endsAt,
      graceDays: pools.graceDays,
      overagePct: pools.overagePct,
    })
    .from(assignments)
    .leftJoin(pools, sql`${pools.id} = ${assignments.poolId}`)
    .where(inArray(assignments.userId, rows.map((r) => r.id)));
  const licensesBy = new Map<string, License[]>();
  for (const l of licenseRows) {
    const license: License = {
      product: l.product,
      poolId: l.poolId,
      poolName: l.poolId ? l.poolName || l.poolId : null,
      sku: l.sku ?? null,
      state: l.state === 'waiting' || !l.endsAt ? 'waiting' : licenseStateFor(poolState({ seats: l.seats!, endsAt: l.endsAt, graceDays: l.graceDays!, overagePct: l.overagePct! }, now)),
      since: l.since,
    };
    (licensesBy.get(l.userId) ?? licensesBy.set(l.userId, []).get(l.userId)!).push(license);
  }
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    firstName: u.firstName,
    lastName: u.lastName,
    externalId: u.externalId,
    orgIds: JSON.parse(u.orgIds) as string[],
    status: u.status as UserStatus,
    roles: sortRoles(JSON.parse(u.roles) as Role[]),
    licenses: (licensesBy.get(u.id) ?? []).sort((a, b) => productOrder(a.product) - productOrder(b.product)),
    lastActiveAt: u.lastActiveAt ?? null,
  }));
}

export async function userViews(db: DbOrTx, ids: string[], now: Date): Promise<Map<string, User>> {
  const out = new Map<string, User>();
  for (const c of chunks([...new Set(ids)])) for (const u of await viewsWhere(db, inArray(users.id, c), now)) out.set(u.id, u);
  return out;
}

/** One entry per key asked, in order; `user` null for unknown keys or users outside `visible`. */
export async function lookupUsers(
  db: DbOrTx,
  keys: { emails: string[]; externalIds: string[] },
  now: Date,
  visible: (user: User) => boolean,
): Promise<LookupResult[]> {
  const emails = keys.emails.map((e) => e.trim().toLowerCase());
  const uniqueEmails = [...new Set(emails)];
  const uniqueExternal = [...new Set(keys.externalIds)];
  const found: User[] = [];
  // Lookups are capped at 1,000 keys, so this is one chunk and two queries in practice.
  for (let i = 0; i < Math.max(uniqueEmails.length, uniqueExternal.length); i += CHUNK) {
    const e = uniqueEmails.slice(i, i + CHUNK);
    const x = uniqueExternal.slice(i, i + CHUNK);
    const where = or(e.length ? inArray(users.email, e) : undefined, x.length ? inArray(users.externalId, x) : undefined)!;
    found.push(...(await viewsWhere(db, where, now)));
  }
  const byEmail = new Map(found.map((u) => [u.email, u]));
  const byExternal = new Map(found.filter((u) => u.externalId).map((u) => [u.externalId!, u]));
  const answer = (key: string, user: User | undefined): LookupResult =>
    user && visible(user)
      ? { key, user, licenses: user.licenses, roles: user.roles, lastActiveAt: user.lastActiveAt }
      : { key, user: null, licenses: [], roles: [], lastActiveAt: null };
  return [...keys.emails.map((key, i) => answer(key, byEmail.get(emails[i]!))), ...keys.externalIds.map((key) => answer(key, byExternal.get(key)))];
}
