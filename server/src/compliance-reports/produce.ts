import { eq } from 'drizzle-orm';
import { complianceReports, webhookDeliveries } from '../db/schema.ts';
import { reportDeliveryKey } from '../delivery/outbox.ts';
import { appendAudit } from '../engine/changes/audit.ts';
import type { Engine } from '../engine/engine.ts';
import { newId } from '../engine/policy/ids.ts';
import { loadOrgTree } from '../engine/queries/org-tree.ts';
import { poolViews } from '../engine/changes/pools.ts';
import { complianceFacts } from '../reports/compliance.ts';
import { recommendations } from '../reports/recommendations.ts';
import { periodOf } from './period.ts';
import { complianceCsv, complianceHtml, complianceText } from './render.ts';
import { readReportSettings } from './settings.ts';

export interface Destinations {
  /** Email goes out only where the server can send it. */
  smtp: boolean;
  webhookUrl?: string;
}

/** What the compliance report webhook receives (alerts have their own body). */
export interface ComplianceWebhookBody {
  type: 'compliance_report';
  report: { id: string; period: string; generatedAt: string; summary: ReportSummary };
  recommendations: ReturnType<typeof recommendations>;
}

export interface ReportSummary {
  pools: number;
  recommendations: number;
  critical: number;
  waiting: number;
  inactiveAssignments: number;
}

/**
 * Produces this period's district-wide compliance report if nobody has yet,
 * stores it and queues its deliveries in the same transaction. Several
 * processes may call this at once: the period's unique key lets exactly one
 * insert win, so each period is reported, and delivered, once.
 */
export async function produceDueReport(engine: Engine, destinations: Destinations): Promise<string | null> {
  const settings = await readReportSettings(engine.db);
  if (settings.every === 'off') return null;
  const now = engine.now();
  const period = periodOf(settings.every, now);
  const [existing] = await engine.db.select({ id: complianceReports.id }).from(complianceReports).where(eq(complianceReports.period, period));
  if (existing) return null;

  // Computed outside the write lock; the insert below decides who reports.
  const tree = await loadOrgTree(engine.db);
  // District-wide, for system administrators: every holder may be named.
  const facts = await complianceFacts(engine.db, tree, await poolViews(engine.db, tree, now), now, null);
  const recs = recommendations(facts);
  const generatedAt = now.toISOString();
  const content = { period, generatedAt, facts, recommendations: recs };
  const summary: ReportSummary = {
    pools: facts.length,
    recommendations: recs.length,
    critical: recs.filter((r) => r.severity === 'critical').length,
    waiting: facts.reduce((n, f) => n + f.row.waiting, 0),
    inactiveAssignments: facts.reduce((n, f) => n + f.row.inactiveAssignments, 0),
  };
  const id = newId('rpt');
  const html = complianceHtml(content);
  const csv = complianceCsv(content);

  return engine.change(null, async (ctx) => {
    const inserted = await ctx.tx
      .insert(complianceReports)
      .values({ id, period, generatedAt, summary: JSON.stringify(summary), html, csv })
      .onConflictDoNothing()
      .returning({ id: complianceReports.id });
    if (inserted.length === 0) return null;
    const queued = { alertId: reportDeliveryKey(id), status: 'pending' as const, nextAttemptAt: new Date().toISOString(), createdAt: generatedAt };
    const rows = [];
    if (destinations.smtp && settings.recipients.length) {
      const email = { subject: `Seatwise compliance report ${period}`, text: complianceText(content), html, attachment: { filename: `seatwise-compliance-${period}.csv`, content: csv } };
      rows.push({ ...queued, url: `mailto:${settings.recipients.join(',')}`, payload: JSON.stringify(email) });
    }
    if (destinations.webhookUrl) {
      const body: ComplianceWebhookBody = { type: 'compliance_report', report: { id, period, generatedAt, summary }, recommendations: recs };
      rows.push({ ...queued, url: destinations.webhookUrl, payload: JSON.stringify(body) });
    }
    if (rows.length) await ctx.tx.insert(webhookDeliveries).values(rows).onConflictDoNothing();
    await appendAudit(ctx.tx, ctx.now, [
      { actorId: null, action: 'compliance_report.create', subjectType: 'compliance_report', subjectId: id, orgId: null, after: { period, every: settings.every, summary, deliveries: rows.map((r) => r.url.replace(/^mailto:.*/, 'email')) } },
    ]);
    return id;
  });
}
