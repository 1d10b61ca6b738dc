import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { settings } from '../db/schema.ts';
import { appendAudit } from '../engine/changes/audit.ts';
import type { EngineCtx } from '../engine/changes/reconcile.ts';

/**
 * Settings an administrator changes at run time, one JSON value per key in
 * the `settings` table: read over their defaults (so a field added later has
 * its default), written whole and audited with what they were before.
 */
export async function readSetting<T extends object>(db: DbOrTx, key: string, defaults: T): Promise<T> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row ? { ...defaults, ...(JSON.parse(row.value) as Partial<T>) } : defaults;
}

export async function writeSetting<T extends object>(ctx: EngineCtx, key: string, defaults: T, next: T): Promise<T> {
  const before = await readSetting(ctx.tx, key, defaults);
  const value = JSON.stringify(next);
  const updatedAt = ctx.now.toISOString();
  await ctx.tx.insert(settings).values({ key, value, updatedAt }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt } });
  await appendAudit(ctx.tx, ctx.now, [{ actorId: ctx.actorId, action: 'settings.update', subjectType: 'settings', subjectId: key, orgId: null, before, after: next }]);
  return next;
}
