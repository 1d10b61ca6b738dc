import type { Product } from '@seatwise/shared';
import { inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { activity, users } from '../../db/schema.ts';
import { ApiError } from '../../errors.ts';

export interface ActivityEvent {
  userId?: string;
  email?: string;
  product: Product;
  at: string;
}

/** How far ahead of the server's clock a reported time may be: clocks of the host and browsers drift. */
export const ACTIVITY_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Records last activity per user and product; later events win, earlier ones are no-ops. Unknown users are counted, not fatal.
 * A time in the future (past the skew) is refused whole: as "last seen" it would keep a seat looking active for ever.
 * Checked against the server's clock (`now`), which is why the shared schema cannot.
 */
export async function recordActivity(tx: Tx, events: ActivityEvent[], now: Date, visibleUserIds?: (ids: string[]) => Promise<Set<string>>) {
  const latest = now.getTime() + ACTIVITY_CLOCK_SKEW_MS;
  const ahead = events.findIndex((e) => Date.parse(e.at) > latest);
  if (ahead >= 0) {
    const message = `is in the future (after ${new Date(latest).toISOString()})`;
    throw new ApiError('invalid_request', `events.${ahead}.at ${message}`, { issues: [{ path: ['events', ahead, 'at'], message }] });
  }
  const emails = [...new Set(events.filter((e) => e.email).map((e) => e.email!))];
  const byEmail = new Map<string, string>();
  for (let i = 0; i < emails.length; i += 900) {
    const rows = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails.slice(i, i + 900)));
    for (const r of rows) byEmail.set(r.email, r.id);
  }
  const ids = [...new Set(events.map((e) => e.userId ?? byEmail.get(e.email!)).filter((id): id is string => !!id))];
  const known = visibleUserIds ? await visibleUserIds(ids) : new Set(ids);
  const rows = events
    .map((e) => ({ userId: e.userId ?? byEmail.get(e.email!) ?? '', product: e.product, lastAt: new Date(e.at).toISOString() }))
    .filter((r) => known.has(r.userId));
  for (let i = 0; i < rows.length; i += 300) {
    await tx
      .insert(activity)
      .values(rows.slice(i, i + 300))
      .onConflictDoUpdate({ target: [activity.userId, activity.product], set: { lastAt: sql`max(${activity.lastAt}, excluded.last_at)` } });
  }
  return { accepted: rows.length, unknown: events.length - rows.length };
}
