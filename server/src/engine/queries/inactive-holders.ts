import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { activity, assignments, users } from '../../db/schema.ts';
import { DAY_MS } from '../policy/clock.ts';
import { idleSince } from '../policy/inactivity.ts';
import { userScopeSql } from './scope-sql.ts';

/**
 * Holders of a pool idle for the whole activity window (see idleSince: a new
 * license is never proposed): whom to release first, longest idle first. Only users of the `viewer`'s organizations are named: a school
 * admin refused a seat in the district's pool hears of its own users, not
 * every other school's.
 */
export async function inactiveHolders(tx: DbOrTx, poolId: string, now: Date, viewer: Set<string> | null, windowDays = 30) {
  const cutoff = new Date(now.getTime() - windowDays * DAY_MS).toISOString();
  const idle = idleSince(sql`max(${activity.lastAt})`, sql`max(${assignments.since})`);
  const rows = await tx
    .select({
      userId: users.id,
      email: users.email,
      lastActiveAt: sql<string | null>`max(${activity.lastAt})`,
      since: sql<string>`max(${assignments.since})`,
    })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.userId))
    .leftJoin(activity, and(eq(activity.userId, assignments.userId), eq(activity.product, assignments.product)))
    .where(and(eq(assignments.poolId, poolId), userScopeSql(assignments.userId, viewer)))
    .groupBy(users.id)
    .having(sql`${idle} < ${cutoff}`)
    .orderBy(idle)
    .limit(5);
  return rows.map(({ since, ...r }) => ({ ...r, reason: r.lastActiveAt ? `inactive since ${r.lastActiveAt.slice(0, 10)}` : `never active, licensed ${since.slice(0, 10)}` }));
}
