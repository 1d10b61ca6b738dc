/** How often the compliance report is produced. */
export const REPORT_EVERY = ['daily', 'weekly', 'monthly', 'off'] as const;
export type ReportEvery = (typeof REPORT_EVERY)[number];

/**
 * The period a moment falls in, as the report's unique key: `2026-11-28`,
 * ISO week `2026-W48`, or `2026-11` (UTC). One report per key, ever.
 */
export function periodOf(every: Exclude<ReportEvery, 'off'>, now: Date): string {
  const iso = now.toISOString();
  if (every === 'daily') return iso.slice(0, 10);
  if (every === 'monthly') return iso.slice(0, 7);
  // ISO week: the week belongs to the year of its Thursday.
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
