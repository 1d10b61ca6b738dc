import { PRODUCT_LABELS, SKU_LABELS, PRODUCTS, SKUS } from '@seatwise/shared/catalog';
import type { ClaimRow, ClaimsReport, InactiveReport, InactiveRow, UsageReport } from '../api/types.ts';
import { FailureNotice } from '../ui/components.tsx';
import { formatCount, formatDate, formatPct } from '../ui/format.ts';
import { DataTable, type Column } from './data-table.tsx';
import type { ReportState } from './report-state.ts';
import { dateToIso, Filter, isoToDate, Toolbar } from './toolbar.tsx';
import { UsageChart } from './usage-chart.tsx';

const person = (first: string | null, last: string | null, email: string | null) => (
  <>
    <span>{[first, last].filter(Boolean).join(' ') || '—'}</span>
    <br />
    <span class="muted small">{email ?? ''}</span>
  </>
);

function LoadMore({ state }: { state: ReportState<object, unknown> }) {
  return state.nextCursor.value ? <button type="button" class="btn load-more" disabled={state.loading.value} onClick={() => void state.loadMore()}>Load more</button> : null;
}

const claimColumns: Column<ClaimRow>[] = [
  { key: 'at', label: 'Date', nowrap: true, render: (r) => formatDate(r.at) },
  { key: 'user', label: 'User', render: (r) => person(r.firstName, r.lastName, r.email) },
  { key: 'org', label: 'Organization', render: (r) => r.orgName ?? r.orgId },
  { key: 'product', label: 'Product', render: (r) => PRODUCT_LABELS[r.product] },
  { key: 'sku', label: 'Pool', render: (r) => <>{SKU_LABELS[r.sku]} <span class="muted small">{r.poolId}</span></> },
  { key: 'how', label: 'How', nowrap: true, render: (r) => r.how.replace(/_/g, ' ') },
  { key: 'by', label: 'By', render: (r) => r.actorEmail ?? 'system' },
];

export function ClaimsPanel({ state }: { state: ReportState<ClaimsReport, ClaimRow> }) {
  const q = state.query.value;
  const total = state.body.value?.total;
  return (
    <div class="panel-body">
      <Toolbar loading={state.loading.value} downloading={state.downloading.value} csv={state.csv} summary={total !== undefined && `${formatCount(state.rows.value.length)} of ${formatCount(total)} claims`}>
        <Filter id="claims-from" label="From"><input id="claims-from" class="input" type="date" value={isoToDate(q.from)} onChange={(e) => state.setFilter('from', dateToIso(e.currentTarget.value))} /></Filter>
        <Filter id="claims-to" label="To"><input id="claims-to" class="input" type="date" value={isoToDate(q.to)} onChange={(e) => state.setFilter('to', dateToIso(e.currentTarget.value, true))} /></Filter>
        <Filter id="claims-product" label="Product">
          <select id="claims-product" class="input" value={q.product ?? ''} onChange={(e) => state.setFilter('product', e.currentTarget.value)}>
            <option value="">All products</option>
            {PRODUCTS.map((p) => <option key={p} value={p}>{PRODUCT_LABELS[p]}</option>)}
          </select>
        </Filter>
        <Filter id="claims-sku" label="Pool SKU">
          <select id="claims-sku" class="input" value={q.sku ?? ''} onChange={(e) => state.setFilter('sku', e.currentTarget.value)}>
            <option value="">All SKUs</option>
            {SKUS.map((s) => <option key={s} value={s}>{SKU_LABELS[s]}</option>)}
          </select>
        </Filter>
      </Toolbar>
      {state.failure.value && <FailureNotice failure={state.failure.value} />}
      {state.body.value && <DataTable caption="License claims" columns={claimColumns} rows={state.rows.value} rowKey={(r) => r.id} />}
      <LoadMore state={state as ReportState<object, unknown>} />
    </div>
  );
}

export function UsagePanel({ state }: { state: ReportState<UsageReport> }) {
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

const inactiveColumns: Column<InactiveRow>[] = [
  { key: 'user', label: 'User', render: (r) => person(r.firstName, r.lastName, r.email) },
  { key: 'product', label: 'Product', render: (r) => PRODUCT_LABELS[r.product] },
  { key: 'pool', label: 'Pool', render: (r) => (r.sku ? <>{SKU_LABELS[r.sku]} <span class="muted small">{r.poolId}</span></> : '—') },
  { key: 'since', label: 'Licensed since', render: (r) => formatDate(r.since) },
  { key: 'last', label: 'Last active', render: (r) => (r.lastActiveAt ? formatDate(r.lastActiveAt) : 'Never') },
  { key: 'days', label: 'Days inactive', num: true, render: (r) => (r.daysInactive === null ? 'never seen' : formatCount(r.daysInactive)) },
];

export function InactivePanel({ state }: { state: ReportState<InactiveReport, InactiveRow> }) {
  const q = state.query.value;
  const total = state.body.value?.total;
  return (
    <div class="panel-body">
      <Toolbar loading={state.loading.value} downloading={state.downloading.value} csv={state.csv} summary={total !== undefined && `${formatCount(total)} inactive assignments`}>
        <Filter id="inactive-days" label="Not seen for">
          <select id="inactive-days" class="input" value={q.days ?? '30'} onChange={(e) => state.setFilter('days', e.currentTarget.value)}>
            {['30', '60', '90'].map((d) => <option key={d} value={d}>{d} days</option>)}
          </select>
        </Filter>
        <Filter id="inactive-product" label="Product">
          <select id="inactive-product" class="input" value={q.product ?? ''} onChange={(e) => state.setFilter('product', e.currentTarget.value)}>
            <option value="">All products</option>
            {PRODUCTS.map((p) => <option key={p} value={p}>{PRODUCT_LABELS[p]}</option>)}
          </select>
        </Filter>
      </Toolbar>
      {state.failure.value && <FailureNotice failure={state.failure.value} />}
      {state.body.value && <DataTable caption="Inactive assignments" columns={inactiveColumns} rows={state.rows.value} rowKey={(r) => `${r.userId}:${r.product}`} />}
      <LoadMore state={state as ReportState<object, unknown>} />
    </div>
  );
}
