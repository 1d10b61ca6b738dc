import { PRODUCTS, ROLES, type Product, type Role, type Sku, type User, type UserStatus } from '@seatwise/shared';
import { or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { hotRead, type Cells } from '../../db/hot-reads.ts';
import { activity, assignments, pools, userOrgs, userRoles, users } from '../../db/schema.ts';
import { licenseStateFor, poolState, poolStateHoldsUntil } from '../policy/pool-state.ts';

const productOrder = (p: Product) => PRODUCTS.indexOf(p);
const sortRoles = (roles: Role[]) => [...roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));

/** `column IN (the values)`, the values bound as one JSON array: one parameter however many, and the same SQL text for any count. */
const inJson = (column: SQLWrapper, values: unknown) => sql`${column} in (select value from json_each(${values}))`;

type LicenseCells = [Product, string | null, 'active' | 'waiting', string, Sku | null, string | null, number | null, string | null, number | null, number | null];
type ViewRow = [string, string, string, string, string | null, UserStatus, string[], Role[], string | null, LicenseCells[]];

/**
 * Full user views for every user a query finds, in one statement whatever
 * the count: the users an indexed search finds, each with its organizations
 * (in position order), roles, last activity and licenses with pool terms
 * read through their own indexes (each subquery is an index search on the
 * user's id, not a scan), the whole answer one JSON cell. So a page of 1,000
 * rows is one round trip and the driver builds one cell, not thousands. The
 * statement is compiled once per process (`hotRead`): compiling it took
 * longer than running it for one user.
 */
const viewsSql = (where: SQL) => sql`
    select '[' || coalesce(group_concat(json_array(${users.id}, ${users.email}, ${users.firstName}, ${users.lastName}, ${users.externalId}, ${users.status},
      (select json_group_array(${userOrgs.orgId} order by ${userOrgs.position}) from ${userOrgs} where ${userOrgs.userId} = ${users.id}),
      (select json_group_array(${userRoles.role}) from ${userRoles} where ${userRoles.userId} = ${users.id}),
      (select max(${activity.lastAt}) from ${activity} where ${activity.userId} = ${users.id}),
      (select json_group_array(json_array(${assignments.product}, ${assignments.poolId}, ${assignments.state}, ${assignments.since},
          ${pools.sku}, ${pools.name}, ${pools.seats}, ${pools.endsAt}, ${pools.graceDays}, ${pools.overagePct}))
        from ${assignments} left join ${pools} on ${pools.id} = ${assignments.poolId} where ${assignments.userId} = ${users.id})
    ), ','), '') || ']' as rows
    from ${users} where ${where}`;

/** The view query for each way of finding users, its SQL built once; the keys are bound as JSON arrays. */
const views = {
  byId: hotRead(['ids'], (v) => viewsSql(inJson(users.id, v.ids))),
  byEmail: hotRead(['emails'], (v) => viewsSql(inJson(users.email, v.emails))),
  byExternalId: hotRead(['externalIds'], (v) => viewsSql(inJson(users.externalId, v.externalIds))),
  byEither: hotRead(['emails', 'externalIds'], (v) => viewsSql(or(inJson(users.email, v.emails), inJson(users.externalId, v.externalIds))!)),
};

/** A user's view, and the moment it stops holding by the clock alone (a license's pool changing state). */
export interface TimedView {
  user: User;
  holdsUntil: number;
}

async function viewsOf(found: Promise<unknown[] | undefined>, now: Date): Promise<TimedView[]> {
  const [rows] = (await found) ?? [];
  return (JSON.parse((rows as string | undefined) ?? '[]') as ViewRow[]).map(([id, email, firstName, lastName, externalId, status, orgIds, roles, lastActiveAt, licenses]) => {
    let holdsUntil = Infinity;
    const user: User = {
      id,
      email,
      firstName,
      lastName,
      externalId,
      orgIds,
      status,
      roles: sortRoles(roles),
      licenses: licenses
        .map(([product, poolId, state, since, sku, poolName, seats, endsAt, graceDays, overagePct]) => {
          const terms = state === 'waiting' || !endsAt ? null : { seats: seats!, endsAt, graceDays: graceDays!, overagePct: overagePct! };
          if (terms) holdsUntil = Math.min(holdsUntil, poolStateHoldsUntil(terms, now));
          return {
            product,
            poolId,
            poolName: poolId ? poolName || poolId : null,
            sku,
            state: terms ? licenseStateFor(poolState(terms, now)) : ('waiting' as const),
            since,
          };
        })
        .sort((a, b) => productOrder(a.product) - productOrder(b.product)),
      lastActiveAt,
    };
    return { user, holdsUntil };
  });
}

export async function userViews(db: DbOrTx, ids: string[], now: Date): Promise<Map<string, User>> {
  if (ids.length === 0) return new Map();
  return new Map((await viewsOf(views.byId(db, { ids: JSON.stringify([...new Set(ids)]) }), now)).map(({ user }) => [user.id, user]));
}

/** The users with any of these (normalized) emails or external ids, in one statement; none sent for no keys. */
export async function viewsByKeys(db: DbOrTx, emails: string[], externalIds: string[], now: Date): Promise<TimedView[]> {
  const emailKeys = JSON.stringify(emails);
  const externalKeys = JSON.stringify(externalIds);
  const query =
    emails.length && externalIds.length
      ? views.byEither(db, { emails: emailKeys, externalIds: externalKeys })
      : emails.length
        ? views.byEmail(db, { emails: emailKeys })
        : externalIds.length
          ? views.byExternalId(db, { externalIds: externalKeys })
          : undefined;
  return query ? viewsOf(query, now) : [];
}

/** One user's view as a read a write batch carries (engine/changes/role-change.ts: the view right after the change, in its transaction). */
export const userViewRead = (id: string) => views.byId.statement({ ids: JSON.stringify([id]) });

/** The view `userViewRead` answered (undefined if the user is gone). */
export const userViewFrom = async (row: Cells | undefined, now: Date): Promise<User | undefined> => (await viewsOf(Promise.resolve(row), now))[0]?.user;
