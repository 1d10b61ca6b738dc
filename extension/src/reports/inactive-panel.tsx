import { PRODUCT_LABELS, SKU_LABELS, PRODUCTS } from '@seatwise/shared/catalog';
import type { InactiveRow } from '../api/types.ts';
import { FailureNotice } from '../ui/components.tsx';
import { formatCount, formatDate } from '../ui/format.ts';
import { DataTable, type Column } from './data-table.tsx';
import { LoadMore, person } from './report-cells.tsx';
import type { ReportState } from './report-state.ts';
import { Filter, Toolbar } from './toolbar.tsx';

const inactiveColumns: Column<InactiveRow>[] = [
  { key: 'user', label: 'User', render: (r) => person(r.firstName, r.lastName, r.email) },
  { key: 'product', label: 'Product', render: (r) => PRODUCT_LABELS[r.product] },
  { key: 'pool', label: 'Pool', render: (r) => (r.sku ? <>{SKU_LABELS[r.sku]} <span class="muted small">{r.poolId}</span></> : '—') },
  { key: 'since', label: 'Licensed since', render: (r) => formatDate(r.since) },
  { key: 'last', label: 'Last active', render: (r) => (r.lastActiveAt ? formatDate(r.lastActiveAt) : 'Never') },
  { key: 'days', label: 'Days inactive', num: true, render: (r) => (r.daysInactive === null ? 'never seen' : formatCount(r.daysInactive)) },
];

export function InactivePanel({ state }: { state: ReportState<'inactive'> }) {
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
      <LoadMore state={state} />
    </div>
  );
}
