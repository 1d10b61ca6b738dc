import { PRODUCTS, ROLES, type LookupResult, type Product, type Role, type Sku, type User, type UserStatus } from '@seatwise/shared';
import { or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { activity, assignments, pools, userOrgs, userRoles, users } from '../../db/schema.ts';
import { licenseStateFor, poolState } from '../policy/pool-state.ts';

const productOrder = (p: Product) => PRODUCTS.indexOf(p);
const sortRoles = (roles: Role[]) => [...roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));

/** `column IN (the values)`, the values bound as one JSON array: one parameter however many, and the same SQL text for any count. */
const inJson = (column: SQLWrapper, values: string[]) => sql`${column} in (select value from json_each(${JSON.stringify(values)}))`;

type ViewRow =
  | ['u', string, string, string, string, string | null, UserStatus]
  | ['o', string, string, number]
  | ['r', string, Role]
  | ['a', string, string | null]
  | ['l', string, Product, string | null, 'active' | 'waiting', string, Sku | null, string | null, number | null, string | null, number | null, number | null];

/**
 * Full user views for every user matching `where`, in one statement whatever
 * the count: the matching ids once (an indexed search), then the users, their
 * organizations, roles, last activity and licenses with pool terms, each an
 * indexed join from those ids (CROSS JOIN keeps the ids on the outside), all
 * joined into a single JSON cell: a page of 1,000 rows is one round trip, and
 * the driver builds one cell rather than thousands.
 */
async function viewsWhere(db: DbOrTx, where: SQL, now: Date): Promise<User[]> {
  const [found] = await db.all<{ rows: string }>(sql`
    with u as materialized (select ${users.id} as id from ${users} where ${where})
    select '[' || coalesce(group_concat(j, ','), '') || ']' as rows from (
      select json_array('u', ${users.id}, ${users.email}, ${users.firstName}, ${users.lastName}, ${users.externalId}, ${users.status}) as j
        from u cross join ${users} on ${users.id} = u.id
      union all select json_array('o', ${userOrgs.userId}, ${userOrgs.orgId}, ${userOrgs.position})
        from u cross join ${userOrgs} on ${userOrgs.userId} = u.id
      union all select json_array('r', ${userRoles.userId}, ${userRoles.role})
        from u cross join ${userRoles} on ${userRoles.userId} = u.id
      union all select json_array('a', ${activity.userId}, max(${activity.lastAt}))
        from u cross join ${activity} on ${activity.userId} = u.id group by ${activity.userId}
      union all select json_array('l', ${assignments.userId}, ${assignments.product}, ${assignments.poolId}, ${assignments.state}, ${assignments.since},
          ${pools.sku}, ${pools.name}, ${pools.seats}, ${pools.endsAt}, ${pools.graceDays}, ${pools.overagePct})
        from u cross join ${assignments} on ${assignments.userId} = u.id left join ${pools} on ${pools.id} = ${assignments.poolId}
    )`);
  const rows = JSON.parse(found?.rows ?? '[]') as ViewRow[];
  const byId = new Map<string, User>();
  const orgs = new Map<string, [number, string][]>();
  for (const r of rows) {
    if (r[0] === 'u') byId.set(r[1], { id: r[1], email: r[2], firstName: r[3], lastName: r[4], externalId: r[5], orgIds: [], status: r[6], roles: [], licenses: [], lastActiveAt: null });
  }
  for (const r of rows) {
    const user = byId.get(r[1])!;
    if (r[0] === 'o') (orgs.get(r[1]) ?? orgs.set(r[1], []).get(r[1])!).push([r[3], r[2]]);
    else if (r[0] === 'r') user.roles.push(r[2]);
    else if (r[0] === 'a') user.lastActiveAt = r[2];
    else if (r[0] === 'l') {
      const [, , product, poolId, state, since, sku, poolName, seats, endsAt, graceDays, overagePct] = r;
      user.licenses.push({
        product,
        poolId,
        poolName: poolId ? poolName || poolId : null,
        sku,
        state: state === 'waiting' || !endsAt ? 'waiting' : licenseStateFor(poolState({ seats: seats!, endsAt, graceDays: graceDays!, overagePct: overagePct! }, now)),
        since,
      });
    }
  }
  return [...byId.values()].map((u) => ({
    ...u,
    orgIds: (orgs.get(u.id) ?? []).sort((a, b) => a[0] - b[0]).map(([, id]) => id),
    roles: sortRoles(u.roles),
    licenses: u.licenses.sort((a, b) => productOrder(a.product) - productOrder(b.product)),
  }));
}

export async function userViews(db: DbOrTx, ids: string[], now: Date): Promise<Map<string, User>> {
  if (ids.length === 0) return new Map();
  return new Map((await viewsWhere(db, inJson(users.id, [...new Set(ids)]), now)).map((u) => [u.id, u]));
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
  const where = or(uniqueEmails.length ? inJson(users.email, uniqueEmails) : undefined, uniqueExternal.length ? inJson(users.externalId, uniqueExternal) : undefined);
  const found = where ? await viewsWhere(db, where, now) : [];
  const byEmail = new Map(found.map((u) => [u.email, u]));
  const byExternal = new Map(found.filter((u) => u.externalId).map((u) => [u.externalId!, u]));
  const answer = (key: string, user: User | undefined): LookupResult =>
    user && visible(user)
      ? { key, user, licenses: user.licenses, roles: user.roles, lastActiveAt: user.lastActiveAt }
      : { key, user: null, licenses: [], roles: [], lastActiveAt: null };
  return [...keys.emails.map((key, i) => answer(key, byEmail.get(emails[i]!))), ...keys.externalIds.map((key) => answer(key, byExternal.get(key)))];
}
