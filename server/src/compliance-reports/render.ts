import { SKU_LABELS, type Recommendation } from '@seatwise/shared';
import { escapeHtml } from '../http/html.ts';
import { COMPLIANCE_COLUMNS, complianceCsvRows, type PoolFacts } from '../reports/compliance.ts';
import { csvText } from '../reports/csv.ts';

export interface ReportContent {
  period: string;
  generatedAt: string;
  facts: PoolFacts[];
  recommendations: Recommendation[];
}

/** The same table as `GET /reports/compliance/export.csv`, each pool with its recommendations. */
export function complianceCsv({ facts, recommendations }: ReportContent): string {
  return csvText(complianceCsvRows(facts, recommendations), COMPLIANCE_COLUMNS);
}

/** A plain-text body for mail clients that do not show HTML. */
export function complianceText({ period, facts, recommendations }: ReportContent): string {
  const lines = [`Seatwise compliance report, ${period}`, ''];
  lines.push(recommendations.length ? 'Recommendations:' : 'No recommendations: every pool is in order.');
  for (const r of recommendations) lines.push(`- [${r.severity}] ${r.message}`);
  lines.push('', 'Pools:');
  for (const { row } of facts) lines.push(`- ${row.poolName} (${SKU_LABELS[row.sku]}): ${row.assigned}/${row.seats} assigned, ${row.state}, ${row.waiting} waiting, ${row.inactiveAssignments} inactive`);
  return lines.join('\n');
}

const SEVERITY_COLOUR: Record<Recommendation['severity'], string> = { critical: '#b42318', warning: '#b54708', info: '#175cd3' };

/**
 * A self-contained HTML page (inline styles only: mail clients strip the rest).
 * Every value from the database is escaped: pool, organization and user
 * names are data, never markup.
 */
export function complianceHtml({ period, generatedAt, facts, recommendations }: ReportContent): string {
  const e = (v: unknown) => escapeHtml(String(v ?? ''));
  const cell = 'padding:6px 10px;border-bottom:1px solid #e4e7ec;text-align:left;';
  const recs = recommendations.length
    ? `<ul style="padding-left:18px">${recommendations.map((r) => `<li style="margin:6px 0"><strong style="color:${SEVERITY_COLOUR[r.severity]}">${e(r.severity)}</strong> ${e(r.message)}</li>`).join('')}</ul>`
    : '<p>No recommendations: every pool is in order.</p>';
  const head = ['Pool', 'Organization', 'SKU', 'State', 'Assigned / seats', 'Waiting', 'Inactive', 'Refusals (30 d)', 'Ends'];
  const rows = facts
    .map(({ row }) => [row.poolName, row.orgName ?? row.orgId, SKU_LABELS[row.sku], row.overAllocated ? 'over-allocated' : row.state, `${row.assigned} / ${row.seats}`, row.waiting, row.inactiveAssignments, row.refusals30d, row.endsAt.slice(0, 10)])
    .map((cells) => `<tr>${cells.map((c) => `<td style="${cell}">${e(c)}</td>`).join('')}</tr>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Seatwise compliance report ${e(period)}</title></head>
<body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#101828;max-width:960px;margin:24px auto;padding:0 16px">
<h1 style="font-size:22px">Seatwise compliance report</h1>
<p style="color:#475467">Period ${e(period)} · generated ${e(generatedAt.slice(0, 16).replace('T', ' '))} UTC</p>
<h2 style="font-size:17px">Recommendations</h2>
${recs}
<h2 style="font-size:17px">Pools</h2>
<table style="border-collapse:collapse;width:100%;font-size:14px"><thead><tr>${head.map((h) => `<th style="${cell}background:#f2f4f7">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>
</body></html>`;
}
