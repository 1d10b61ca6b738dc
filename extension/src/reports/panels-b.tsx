import { SKU_LABELS } from '@seatwise/shared/catalog';
import type { CompliancePool, ComplianceReport } from '../api/types.ts';
import { Empty, FailureNotice, Pill, Section } from '../ui/components.tsx';
import { daysLeftText, formatCount, formatDate, formatPct, POOL_STATE_LABELS, POOL_STATE_TONES, type Tone } from '../ui/format.ts';
import type { AuditState } from './audit-state.ts';
import { DataTable, type Column } from './data-table.tsx';
import type { ReportState } from './report-state.ts';
import { dateToIso, Filter, isoToDate, Toolbar } from './toolbar.tsx';

const SEVERITY_TONE: Record<string, [Tone, string]> = { critical: ['bad', 'Critical'], warning: ['warn', 'Warning'], info: ['info', 'Info'] };

const poolColumns: Column<CompliancePool>[] = [
  { key: 'pool', label: 'Pool', render: (p) => <>{p.poolName} <span class="muted small">{SKU_LABELS[p.sku]}</span><br /><span class="muted small">{p.orgName ?? p.orgId}</span></> },
  { key: 'state', label: 'State', render: (p) => <><Pill tone={p.overAllocated ? 'bad' : POOL_STATE_TONES[p.state]}>{p.overAllocated ? 'Over-allocated' : POOL_STATE_LABELS[p.state]}</Pill><br /><span class="muted small">{daysLeftText(p.daysLeft, p.state)}</span></> },
  { key: 'seats', label: 'Assigned / seats', num: true, render: (p) => `${formatCount(p.assigned)} / ${formatCount(p.seats)}` },
  { key: 'usage', label: 'Usage', num: true, render: (p) => formatPct(p.usagePct) },
  { key: 'util', label: 'Utilization', num: true, render: (p) => formatPct(p.utilizationPct) },
  { key: 'inactive', label: 'Inactive', num: true, render: (p) => formatCount(p.inactiveAssignments) },
  { key: 'waiting', label: 'Waiting', num: true, render: (p) => formatCount(p.waiting) },
  { key: 'refusals', label: 'Refusals (30 d)', num: true, render: (p) => formatCount(p.refusals30d) },
  { key: 'ends', label: 'Ends', render: (p) => formatDate(p.endsAt) },
];

export function CompliancePanel({ state }: { state: ReportState<ComplianceReport> }) {
  const body = state.body.value;
  return (
    <div class="panel-body">
      <Toolbar loading={state.loading.value} downloading={state.downloading.value} csv={state.csv} summary={body && `${body.pools.length} pools · ${body.recommendations.length} recommendations`} />
      {state.failure.value && <FailureNotice failure={state.failure.value} />}
      {body && (
        <Section title="Recommendations" id="recommendations">
          {body.recommendations.length === 0 ? <Empty>No recommendations: every pool is in order.</Empty> : (
            <ul class="recommendations">
              {body.recommendations.map((r, i) => {
                const [tone, word] = SEVERITY_TONE[r.severity] ?? ['muted', r.severity];
                return (
                  <li key={`${r.kind}:${r.poolId}:${i}`} class="card recommendation">
                    <Pill tone={tone}>{word}</Pill>
                    <div>
                      <p>{r.message}</p>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </Section>
      )}
      {body && <Section title="Pools" id="pools"><DataTable caption="Pools" columns={poolColumns} rows={body.pools} rowKey={(p) => p.poolId} /></Section>}
    </div>
  );
}

export function AuditPanel({ state }: { state: AuditState }) {
  const q = state.query.value;
  const v = state.verify.value;
  return (
    <div class="panel-body">
      <Toolbar loading={state.loading.value} downloading={false} csv={state.csv} summary={`${formatCount(state.entries.value.length)} entries loaded`}>
        <Filter id="audit-action" label="Action"><input id="audit-action" class="input" placeholder="e.g. license.assign" value={q.action ?? ''} onChange={(e) => state.setFilter('action', e.currentTarget.value.trim())} /></Filter>
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
        { key: 'subject', label: 'Subject', render: (e) => `${e.subjectType} ${e.subjectId}` },
        { key: 'actor', label: 'Actor', render: (e) => e.actorId ?? 'system' },
      ]} />
      {state.nextCursor.value && <button type="button" class="btn load-more" disabled={state.loading.value} onClick={() => void state.loadMore()}>Load more</button>}
    </div>
  );
}
