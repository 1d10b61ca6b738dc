/** A recommendation from `/reports/compliance`, in whatever shape it came: we show its words. */
export interface Recommendation {
  text: string;
  severity: 'info' | 'warning' | 'critical';
}

export function recommendationsFrom(body: unknown, limit = 3): Recommendation[] {
  const list = (body as { recommendations?: unknown } | null)?.recommendations;
  if (!Array.isArray(list)) return [];
  return list
    .map((r): Recommendation | null => {
      if (typeof r === 'string') return { text: r, severity: 'info' };
      if (!r || typeof r !== 'object') return null;
      const o = r as Record<string, unknown>;
      const text = [o.message, o.text, o.title].find((v): v is string => typeof v === 'string');
      const sev = o.severity === 'critical' || o.severity === 'warning' ? o.severity : 'info';
      return text ? { text, severity: sev } : null;
    })
    .filter((r): r is Recommendation => r !== null)
    .slice(0, limit);
}
