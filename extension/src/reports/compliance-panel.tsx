import { SKU_LABELS } from '@seatwise/shared/catalog';
import type { CompliancePool } from '../api/types.ts';
import { Empty, FailureNotice, Pill, Section } from '../ui/components.tsx';
import { daysLeftText, formatCount, plural, formatDate, formatPct, POOL_STATE_LABELS, POOL_STATE_TONES, type Tone } from '../ui/format.ts';
import { DataTable, type Column } from './data-table.tsx';
import type { ReportState } from './report-state.ts';
import { ScheduledReports } from './scheduled-reports.tsx';
import type { ScheduledReportsState } from './scheduled-reports-state.ts';
import { Toolbar } from './toolbar.tsx';

const SEVERITY_TONE: Record<string, [Tone, string]> = { critical: ['bad', 'Critical'], warning: ['warn', 'Warning'], info: ['info', 'Info'] };

const poolColumns: Column<CompliancePool>[] = [
  { key: 'pool', label: 'Pool', render: (p) => <>{p.poolName} <span class="muted small">{SKU_LABELS[p.sku]}</span><br /><span class="muted small">{p.orgName ?? p.orgId}</span></> },
  { key: 'state', label: 'State', render: (p) => <><Pill tone={p.overAllocated ? 'bad' : POOL_STATE_TONES[p.state]}>{p.overAllocated ? 'Over-allocated' : POOL_STATE_LABELS[p.state]}</Pill><br /><span class="muted small">{daysLeftText(p.daysLeft, p.state, p.graceDaysLeft)}</span></> },
  { key: 'seats', label: 'Assigned / seats', num: true, render: (p) => `${formatCount(p.assigned)} / ${formatCount(p.seats)}` },
  { key: 'usage', label: 'Usage', num: true, render: (p) => formatPct(p.usagePct) },
  { key: 'util', label: 'Utilization', num: true, render: (p) => formatPct(p.utilizationPct) },
  { key: 'inactive', label: 'Inactive', num: true, render: (p) => formatCount(p.inactiveAssignments) },
  { key: 'waiting', label: 'Waiting', num: true, render: (p) => formatCount(p.waiting) },
  { key: 'refusals', label: 'Refusals (30 d)', num: true, render: (p) => formatCount(p.refusals30d) },
  { key: 'ends', label: 'Ends', render: (p) => formatDate(p.endsAt) },
];

export function CompliancePanel({ state, scheduled }: { state: ReportState<'compliance'>; scheduled: ScheduledReportsState | null }) {
  const body = state.body.value;
  return (
    <div class="panel-body">
      <Toolbar loading={state.loading.value} downloading={state.downloading.value} csv={state.csv} summary={body && `${plural(body.pools.length, 'pool')} · ${plural(body.recommendations.length, 'recommendation')}`} />
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
      {scheduled && <ScheduledReports state={scheduled} />}
    </div>
  );
}
