import { FailureNotice, Pill } from '../ui/components.tsx';
import { formatCount } from '../ui/format.ts';
import type { AuditState } from './audit-state.ts';
import { DataTable } from './data-table.tsx';
import { LoadMore } from './report-cells.tsx';
import { dateToIso, Filter, isoToDate, TextFilter, Toolbar } from './toolbar.tsx';

/** A name to read, its id one click away (to paste into a filter or a support ticket). */
function Named({ label, id }: { label: string | null; id: string }) {
  if (!label) return <code>{id}</code>;
  return (
    <details class="named">
      <summary>{label}</summary>
      <code>{id}</code>
    </details>
  );
}

export function AuditPanel({ state }: { state: AuditState }) {
  const q = state.query.value;
  const v = state.verify.value;
  return (
    <div class="panel-body">
      <Toolbar loading={state.loading.value} downloading={false} csv={state.csv} summary={`${formatCount(state.entries.value.length)} entries loaded`}>
        <TextFilter id="audit-action" label="Action" placeholder="e.g. license.assign" value={q.action ?? ''} onApply={(value) => state.setFilter('action', value)} />
        <Filter id="audit-from" label="From"><input id="audit-from" class="input" type="date" value={isoToDate(q.from)} onChange={(e) => state.setFilter('from', dateToIso(e.currentTarget.value))} /></Filter>
        <Filter id="audit-to" label="To"><input id="audit-to" class="input" type="date" value={isoToDate(q.to)} onChange={(e) => state.setFilter('to', dateToIso(e.currentTarget.value, true))} /></Filter>
      </Toolbar>
      <div class="chain card">
        <div>
          <strong>Tamper check</strong>
          <p class="muted small">Every entry hashes the one before it; checking the chain proves nothing was altered or removed.</p>
        </div>
        <div class="chain-result" aria-live="polite">
          {v && (v.ok ? <Pill tone="ok">{`Chain intact · ${formatCount(v.entries)} entries`}</Pill> : <Pill tone="bad">{`Chain broken at entry ${v.brokenAt}`}</Pill>)}
          {state.verifyFailure.value && <span class="field-error">{state.verifyFailure.value.message}</span>}
          <button type="button" class="btn" disabled={state.verifying.value} onClick={() => void state.checkChain()}>{state.verifying.value ? 'Checking…' : 'Check the chain'}</button>
        </div>
      </div>
      {state.failure.value && <FailureNotice failure={state.failure.value} />}
      <DataTable caption="Audit log" rows={state.entries.value} rowKey={(e) => e.seq} columns={[
        { key: 'seq', label: '#', num: true, render: (e) => e.seq },
        { key: 'at', label: 'Time', render: (e) => new Date(e.at).toLocaleString() },
        { key: 'action', label: 'Action', render: (e) => <code>{e.action}</code> },
        { key: 'subject', label: 'Subject', render: (e) => <Named label={e.subjectLabel} id={e.subjectId} /> },
        { key: 'org', label: 'Organization', render: (e) => (e.orgId ? <Named label={e.orgName} id={e.orgId} /> : '—') },
        { key: 'pool', label: 'Pool', render: (e) => e.poolName ?? '—' },
        { key: 'actor', label: 'By', render: (e) => (e.actorId ? <Named label={e.actorEmail} id={e.actorId} /> : 'system') },
      ]} />
      <LoadMore state={state} />
    </div>
  );
}
