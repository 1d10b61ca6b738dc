import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { UsagePoint } from '@seatwise/shared';
import { SKU_LABELS, SKUS } from '@seatwise/shared/catalog';
import { toUsageSeries } from './usage-series.ts';

/** One line per SKU of the catalogue; the theme defines CHART_COLORS colours and a further SKU reuses them in turn. */
const CHART_COLORS = 3;
const SERIES = SKUS.map((sku, i) => ({ sku, label: SKU_LABELS[sku], colorVar: `--chart-${(i % CHART_COLORS) + 1}` }));
const CHART_LABEL = `Seats assigned per day for ${new Intl.ListFormat('en', { type: 'conjunction' }).format(SERIES.map((s) => s.label))}`;

/** Assigned seats per SKU per day (uPlot: ~50 kB, canvas, fast on long series). */
export function UsageChart({ points, from, to }: { points: UsagePoint[]; from: string; to: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el || !points.length) return;
    const css = getComputedStyle(el);
    const v = (name: string) => css.getPropertyValue(name).trim();
    const data = toUsageSeries(points);
    const axis = { stroke: v('--text-2'), grid: { stroke: v('--border'), width: 1 }, ticks: { stroke: v('--border'), width: 1 } };
    const plot = new uPlot(
      {
        width: el.clientWidth || 800,
        height: 280,
        scales: { x: { time: true, range: () => [Date.parse(`${from.slice(0, 10)}T00:00:00Z`) / 1000, Date.parse(`${to.slice(0, 10)}T00:00:00Z`) / 1000] }, y: { range: (_u, _min, max) => [0, Math.max(10, Math.ceil(max * 1.1))] } },
        axes: [axis, { ...axis, label: 'Seats assigned', labelSize: 20 }],
        series: [{}, ...SERIES.map((s) => ({ label: s.label, stroke: v(s.colorVar), width: 2, points: { show: data.x.length < 40 } }))],
        legend: { live: true },
      },
      [data.x, ...SERIES.map((s) => data.assigned[s.sku])] as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: 280 }));
    resize.observe(el);
    return () => (resize.disconnect(), plot.destroy());
  }, [points, from, to]);
  return <div ref={host} class="chart" role="img" aria-label={CHART_LABEL} />;
}
