import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { activity, assignments, users } from '../db/schema.ts';
import { DAY_MS } from './clock.ts';

/** Holders of a pool not seen inside the activity window: whom to release first. */
export async function inactiveHolders(tx: Tx, poolId: string, now: Date, windowDays = 30) {
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
    .where(eq(assignments.poolId, poolId))
    .groupBy(users.id)
    .having(sql`max(${activity.lastAt}) is null or max(${activity.lastAt}) < ${cutoff}`)
    .orderBy(sql`max(${activity.lastAt}) is not null`, sql`max(${activity.lastAt})`)
    .limit(5);
  return rows.map((r) => ({ ...r, reason: r.lastActiveAt ? `inactive since ${r.lastActiveAt.slice(0, 10)}` : 'never active' }));
}
