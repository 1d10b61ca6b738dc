import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { activity, assignments, users } from '../db/schema.ts';
import { DAY_MS } from './clock.ts';
import { userScopeSql } from './scope-sql.ts';

/**
 * Holders of a pool not seen inside the activity window: whom to release
 * first. Only users of the `viewer`'s organizations are named: a school
 * admin refused a seat in the district's pool hears of its own users, not
 * every other school's.
 */
export async function inactiveHolders(tx: Tx, poolId: string, now: Date, viewer: Set<string> | null, windowDays = 30) {
  const cutoff = new Date(now.getTime() - windowDays * DAY_MS).toISOString();
  const rows = await tx
    .select({
      userId: users.id,
      email: users.email,
      lastActiveAt: sql<string | null>`max(${activity.lastAt})`,
    })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.userId))
    .leftJoin(activity, and(eq(activity.userId, assignments.userId), eq(activity.product, assignments.product)))
    .where(and(eq(assignments.poolId, poolId), userScopeSql(assignments.userId, viewer)))
    .groupBy(users.id)
    .having(sql`max(${activity.lastAt}) is null or max(${activity.lastAt}) < ${cutoff}`)
    .orderBy(sql`max(${activity.lastAt}) is not null`, sql`max(${activity.lastAt})`)
    .limit(5);
  return rows.map((r) => ({ ...r, reason: r.lastActiveAt ? `inactive since ${r.lastActiveAt.slice(0, 10)}` : 'never active' }));
}
