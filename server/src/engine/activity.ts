import type { Product } from '@seatwise/shared';
import { inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { activity, users } from '../db/schema.ts';

export interface ActivityEvent {
  userId?: string;
  email?: string;
  product: Product;
  at: string;
}

/** Records last activity per user and product; later events win, earlier ones are no-ops. Unknown users are counted, not fatal. */
export async function recordActivity(tx: Tx, events: ActivityEvent[], visibleUserIds?: (ids: string[]) => Promise<Set<string>>) {
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
