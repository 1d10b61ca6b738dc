import type { InactiveRow, Product } from '@seatwise/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { activity, assignments, pools, userOrgs, users } from '../db/schema.ts';
import { DAY_MS } from '../engine/policy/clock.ts';
import { idleSince, idleSinceOf } from '../engine/policy/inactivity.ts';
import { userScopeSql } from '../engine/queries/scope-sql.ts';
import type { CsvColumn } from './csv.ts';
import { decodeCursor, pageOf } from './paging.ts';

export interface InactiveFilter {
  days: number;
  product?: Product;
  /** Users' organizations covered (scope, maybe narrowed to an org subtree); null = all. */
  orgs: Set<string> | null;
}

/** Longest idle first (see idleSince): the order seats should be reclaimed in. */
const idle = idleSince(activity.lastAt, assignments.since);

function where(f: InactiveFilter, now: Date) {
  const cutoff = new Date(now.getTime() - f.days * DAY_MS).toISOString();
  return and(
    eq(assignments.state, 'active'),
    eq(users.status, 'active'),
    sql`${idle} < ${cutoff}`,
    f.product ? eq(assignments.product, f.product) : undefined,
    userScopeSql(assignments.userId, f.orgs),
  );
}

export async function countInactive(db: DbOrTx, f: InactiveFilter, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.userId))
    .leftJoin(activity, and(eq(activity.userId, assignments.userId), eq(activity.product, assignments.product)))
    .where(where(f, now));
  return Number(row?.n ?? 0);
}

/** Licensed assignments (user × product) idle for `days` (see idleSince), with the last time each was used. */
export async function inactivePage(db: DbOrTx, f: InactiveFilter, now: Date, cursor: string | undefined, limit: number) {
  const key = decodeCursor(cursor, ['string', 'number']);
  const rows = await db
    .select({
      id: assignments.id,
      seen: idle,
      userId: assignments.userId,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      orgId: userOrgs.orgId,
      product: assignments.product,
      poolId: assignments.poolId,
      sku: pools.sku,
      since: assignments.since,
      lastActiveAt: activity.lastAt,
    })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.userId))
    .leftJoin(userOrgs, sql`${userOrgs.userId} = ${assignments.userId} and ${userOrgs.position} = 0`)
    .leftJoin(pools, eq(pools.id, assignments.poolId))
    .leftJoin(activity, and(eq(activity.userId, assignments.userId), eq(activity.product, assignments.product)))
    .where(and(where(f, now), key ? sql`(${idle}, ${assignments.id}) > (${key[0]}, ${key[1]})` : undefined))
    .orderBy(asc(idle), asc(assignments.id))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => [r.seen, r.id]);
  return {
    nextCursor: page.nextCursor,
    rows: page.rows.map(({ id: _id, seen: _seen, ...r }): InactiveRow => ({
      ...r,
      // Counted from the later of the last use and the license's start, like the filter.
      daysInactive: Math.floor((now.getTime() - Date.parse(idleSinceOf(r.lastActiveAt, r.since))) / DAY_MS),
    })),
  };
}

export const INACTIVE_COLUMNS: CsvColumn<InactiveRow>[] = [
  { key: 'email', header: 'Email' },
  { key: 'firstName', header: 'First name' },
  { key: 'lastName', header: 'Last name' },
  { key: 'userId', header: 'User id' },
  { key: 'orgId', header: 'Home organization' },
  { key: 'product', header: 'Product' },
  { key: 'sku', header: 'SKU' },
  { key: 'poolId', header: 'Pool' },
  { key: 'since', header: 'Licensed since' },
  { key: 'lastActiveAt', header: 'Last active' },
  { key: 'daysInactive', header: 'Days inactive' },
];
