import { PRODUCT_LABELS, SKU_LABELS, PRODUCTS, SKUS } from '@seatwise/shared/catalog';
import type { ClaimRow } from '../api/types.ts';
import { FailureNotice } from '../ui/components.tsx';
import { formatCount, formatDate } from '../ui/format.ts';
import { DataTable, type Column } from './data-table.tsx';
import { LoadMore, person } from './report-cells.tsx';
import type { ReportState } from './report-state.ts';
import { dateToIso, Filter, isoToDate, Toolbar } from './toolbar.tsx';

const claimColumns: Column<ClaimRow>[] = [
  { key: 'at', label: 'Date', nowrap: true, render: (r) => formatDate(r.at) },
  { key: 'user', label: 'User', render: (r) => person(r.firstName, r.lastName, r.email) },
  { key: 'org', label: 'Organization', render: (r) => r.orgName ?? r.orgId },
  { key: 'product', label: 'Product', render: (r) => PRODUCT_LABELS[r.product] },
  { key: 'sku', label: 'Pool', render: (r) => <>{SKU_LABELS[r.sku]} <span class="muted small">{r.poolId}</span></> },
  { key: 'how', label: 'How', nowrap: true, render: (r) => r.how.replace(/_/g, ' ') },
  { key: 'by', label: 'By', render: (r) => r.actorEmail ?? 'system' },
];

export function ClaimsPanel({ state }: { state: ReportState<'claims'> }) {
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
      <LoadMore state={state} />
    </div>
  );
}
