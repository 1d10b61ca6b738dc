import { PRODUCTS, ROLES, type License, type LookupResult, type Product, type Role, type User } from '@seatwise/shared';
import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { activity, assignments, pools, userOrgs, userRoles, users } from '../db/schema.ts';
import { licenseStateFor, poolState } from './pool-state.ts';

const CHUNK = 900;

async function inChunks<T>(ids: string[], load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await load(ids.slice(i, i + CHUNK))));
  return out;
}

/**
 * Builds full user views for many users with a fixed number of queries (one
 * per table, whatever the count): what lets a page of 1,000 rows be one
 * round trip.
 */
export async function userViews(db: DbOrTx, ids: string[], now: Date): Promise<Map<string, User>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const [userRows, orgRows, roleRows, licenseRows, activityRows] = await Promise.all([
    inChunks(unique, (c) => db.select().from(users).where(inArray(users.id, c))),
    inChunks(unique, (c) => db.select().from(userOrgs).where(inArray(userOrgs.userId, c)).orderBy(userOrgs.userId, userOrgs.position)),
    inChunks(unique, (c) => db.select().from(userRoles).where(inArray(userRoles.userId, c))),
    inChunks(unique, (c) =>
      db
        .select({
          userId: assignments.userId,
          product: assignments.product,
          poolId: assignments.poolId,
          state: assignments.state,
          since: assignments.since,
          sku: pools.sku,
          seats: pools.seats,
          endsAt: pools.endsAt,
          graceDays: pools.graceDays,
          overagePct: pools.overagePct,
        })
        .from(assignments)
        .leftJoin(pools, sql`${pools.id} = ${assignments.poolId}`)
        .where(inArray(assignments.userId, c)),
    ),
    inChunks(unique, (c) =>
      db
        .select({ userId: activity.userId, lastAt: sql<string>`max(${activity.lastAt})` })
        .from(activity)
        .where(inArray(activity.userId, c))
        .groupBy(activity.userId),
    ),
  ]);

  const group = <T extends { userId: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) (m.get(r.userId) ?? m.set(r.userId, []).get(r.userId)!).push(r);
    return m;
  };
  const orgsBy = group(orgRows);
  const rolesBy = group(roleRows);
  const licensesBy = group(licenseRows);
  const lastBy = new Map(activityRows.map((r) => [r.userId, r.lastAt]));

  const out = new Map<string, User>();
  for (const u of userRows) {
    const licenses: License[] = (licensesBy.get(u.id) ?? []).map((l) => ({
      product: l.product,
      poolId: l.poolId,
      sku: l.sku ?? null,
      state: l.state === 'waiting' || !l.endsAt ? 'waiting' : licenseStateFor(poolState({ seats: l.seats!, endsAt: l.endsAt, graceDays: l.graceDays!, overagePct: l.overagePct! }, now)),
      since: l.since,
    }));
    licenses.sort((a, b) => productOrder(a.product) - productOrder(b.product));
    out.set(u.id, {
      id: u.id,
      email: u.email,
      firstName: u.firstName,
      lastName: u.lastName,
      externalId: u.externalId,
      orgIds: (orgsBy.get(u.id) ?? []).map((o) => o.orgId),
      status: u.status,
      roles: sortRoles((rolesBy.get(u.id) ?? []).map((r) => r.role)),
      licenses,
      lastActiveAt: lastBy.get(u.id) ?? null,
    });
  }
  return out;
}

const productOrder = (p: Product) => PRODUCTS.indexOf(p);
const sortRoles = (roles: Role[]) => [...roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));

/** One entry per key asked, in order; `user` null for unknown keys or users outside `visible`. */
export async function lookupUsers(
  db: DbOrTx,
  keys: { emails: string[]; externalIds: string[] },
  now: Date,
  visible: (user: User) => boolean,
): Promise<LookupResult[]> {
  const emails = keys.emails.map((e) => e.trim().toLowerCase());
  const [byEmail, byExternal] = await Promise.all([
    inChunks([...new Set(emails)], (c) => db.select({ id: users.id, key: users.email }).from(users).where(inArray(users.email, c))),
    inChunks([...new Set(keys.externalIds)], (c) =>
      db.select({ id: users.id, key: users.externalId }).from(users).where(inArray(users.externalId, c)),
    ),
  ]);
  const emailToId = new Map(byEmail.map((r) => [r.key, r.id]));
  const externalToId = new Map(byExternal.map((r) => [r.key!, r.id]));
  const views = await userViews(db, [...emailToId.values(), ...externalToId.values()], now);
  const answer = (key: string, id: string | undefined): LookupResult => {
    const user = id ? views.get(id) : undefined;
    if (!user || !visible(user)) return { key, user: null, licenses: [], roles: [], lastActiveAt: null };
    return { key, user, licenses: user.licenses, roles: user.roles, lastActiveAt: user.lastActiveAt };
  };
  return [
    ...keys.emails.map((key, i) => answer(key, emailToId.get(emails[i]!))),
    ...keys.externalIds.map((key) => answer(key, externalToId.get(key))),
  ];
}
