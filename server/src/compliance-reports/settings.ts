import type { ComplianceReportSettings } from '@seatwise/shared';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { settings } from '../db/schema.ts';
import { appendAudit } from '../engine/changes/audit.ts';
import type { EngineCtx } from '../engine/changes/reconcile.ts';

const KEY = 'compliance_report';

/** Weekly, to nobody by email until an administrator names recipients. */
export const DEFAULT_REPORT_SETTINGS: ComplianceReportSettings = { every: 'weekly', recipients: [] };

export async function readReportSettings(db: DbOrTx): Promise<ComplianceReportSettings> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  return row ? { ...DEFAULT_REPORT_SETTINGS, ...(JSON.parse(row.value) as Partial<ComplianceReportSettings>) } : DEFAULT_REPORT_SETTINGS;
}

/** Saves the schedule and recipients, audited with what they were before. */
export async function writeReportSettings(ctx: EngineCtx, next: ComplianceReportSettings): Promise<ComplianceReportSettings> {
  const before = await readReportSettings(ctx.tx);
  const value = JSON.stringify(next);
  await ctx.tx
    .insert(settings)
    .values({ key: KEY, value, updatedAt: ctx.now.toISOString() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: ctx.now.toISOString() } });
  await appendAudit(ctx.tx, ctx.now, [{ actorId: ctx.actorId, action: 'settings.update', subjectType: 'settings', subjectId: KEY, orgId: null, before, after: next }]);
  return next;
}
