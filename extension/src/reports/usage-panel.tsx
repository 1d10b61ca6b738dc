import { SKU_LABELS, SKUS } from '@seatwise/shared/catalog';
import { FailureNotice } from '../ui/components.tsx';
import { formatCount, formatDate, formatPct } from '../ui/format.ts';
import { DataTable } from './data-table.tsx';
import type { ReportState } from './report-state.ts';
import { Filter, Toolbar } from './toolbar.tsx';
import { UsageChart } from './usage-chart.tsx';

export function UsagePanel({ state }: { state: ReportState<'usage'> }) {
  const body = state.body.value;
  const latest = body ? SKUS.map((s) => [...body.points].reverse().find((p) => p.sku === s)).filter((p) => p !== undefined) : [];
  return (
    <div class="panel-body">
      <Toolbar loading={state.loading.value} downloading={state.downloading.value} csv={state.csv} summary={body && `${formatDate(body.from)} – ${formatDate(body.to)}`}>
        <Filter id="usage-from" label="From"><input id="usage-from" class="input" type="date" value={state.query.value.from ?? ''} onChange={(e) => state.setFilter('from', e.currentTarget.value)} /></Filter>
        <Filter id="usage-to" label="To"><input id="usage-to" class="input" type="date" value={state.query.value.to ?? ''} onChange={(e) => state.setFilter('to', e.currentTarget.value)} /></Filter>
      </Toolbar>
      {state.failure.value && <FailureNotice failure={state.failure.value} />}
      {body && <div class="card chart-card"><UsageChart points={body.points} from={body.from} to={body.to} />{new Set(body.points.map((p) => p.date)).size < 2 && <p class="muted small chart-note">Only today's numbers so far: a point is added each day from the daily snapshots.</p>}</div>}
      {latest.length > 0 && (
        <DataTable caption="Latest usage per SKU" rowKey={(p) => p.sku} rows={latest} columns={[
          { key: 'sku', label: 'SKU', render: (p) => SKU_LABELS[p.sku] },
          { key: 'total', label: 'Total', num: true, render: (p) => formatCount(p.total) },
          { key: 'assigned', label: 'Assigned', num: true, render: (p) => formatCount(p.assigned) },
          { key: 'available', label: 'Available', num: true, render: (p) => formatCount(p.available) },
          { key: 'active', label: 'Active users', num: true, render: (p) => formatCount(p.activeUsers) },
          { key: 'util', label: 'Utilization', num: true, render: (p) => formatPct(p.utilizationPct) },
          { key: 'waiting', label: 'Waiting', num: true, render: (p) => formatCount(p.waiting) },
        ]} />
      )}
    </div>
  );
}
