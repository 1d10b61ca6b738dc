import { PRODUCT_LABELS, ROLE_LABELS, type Product, type Role } from '@seatwise/shared/catalog';
import type { HistoryRow } from '../api/types.ts';
import { Empty, FailureNotice } from '../ui/components.tsx';
import { DataTable, type Column } from './data-table.tsx';
import type { HistoryState } from './history-state.ts';
import { LoadMore } from './report-cells.tsx';
import { Filter, Toolbar } from './toolbar.tsx';

/** The audit actions a user's history holds, in words. */
const EVENT_WORDS: Record<string, string> = {
  'user.create': 'Added to Seatwise',
  'user.update': 'Details changed',
  'user.transfer': 'Moved',
  'user.archive': 'Archived',
  'role.grant': 'Role granted',
  'role.revoke': 'Role removed',
  'license.assign': 'License assigned',
  'license.release': 'License released',
  'license.wait': 'Waiting for a seat',
  'license.resume': 'License resumed',
  'license.refused': 'Refused a seat',
};

const columns: Column<HistoryRow>[] = [
  { key: 'at', label: 'When', nowrap: true, render: (r) => new Date(r.at).toLocaleString() },
  { key: 'event', label: 'Event', render: (r) => EVENT_WORDS[r.action] ?? <code>{r.action}</code> },
  { key: 'product', label: 'Product', render: (r) => (r.product ? (PRODUCT_LABELS[r.product as Product] ?? r.product) : '—') },
  { key: 'pool', label: 'Pool', render: (r) => r.poolName ?? r.poolId ?? '—' },
  { key: 'role', label: 'Role', render: (r) => (r.role ? (ROLE_LABELS[r.role as Role] ?? r.role) : '—') },
  { key: 'detail', label: 'Detail', render: (r) => r.detail ?? (r.how ? r.how.replace(/_/g, ' ') : '') },
  { key: 'by', label: 'By', render: (r) => r.actorEmail ?? 'system' },
];

export function HistoryPanel({ state }: { state: HistoryState }) {
  const { lookup } = state;
  const user = lookup.status.value === 'found' ? lookup.detail.value?.user : null;
  return (
    <div class="panel-body">
      <form class="history-find" onSubmit={(e) => (e.preventDefault(), void state.find())}>
        <Toolbar loading={state.loading.value || lookup.status.value === 'loading'} downloading={state.downloading.value} csv={state.csv} summary={user && `${user.firstName} ${user.lastName} · ${user.email}`}>
          <Filter id="history-email" label="User's email">
            <input id="history-email" class="input" type="email" autoComplete="off" placeholder="user@district.org" value={lookup.query.value} onInput={(e) => (lookup.query.value = e.currentTarget.value)} aria-invalid={!!lookup.validation.value} />
          </Filter>
          <button type="submit" class="btn btn-primary">Show history</button>
        </Toolbar>
      </form>
      {lookup.validation.value && <p class="field-error">{lookup.validation.value}</p>}
      {lookup.failure.value && <FailureNotice failure={lookup.failure.value} />}
      {state.failure.value && <FailureNotice failure={state.failure.value} />}
      {lookup.status.value === 'idle' && <Empty>Look up a user by email to see their licenses, roles and refusals over time.</Empty>}
      {lookup.status.value === 'not_found' && <Empty>No user with that email in your organizations.</Empty>}
      {user && state.body.value?.userId === user.id && (
        state.rows.value.length === 0 ? <Empty>Nothing has happened to this user's licenses or roles yet.</Empty> : <DataTable caption={`History of ${user.email}`} columns={columns} rows={state.rows.value} rowKey={(r) => r.seq} />
      )}
      <LoadMore state={state} />
    </div>
  );
}
