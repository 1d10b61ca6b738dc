import type { ComplianceReportRun } from '@seatwise/shared';
import { Empty, FailureNotice, Pill, Section } from '../ui/components.tsx';
import { formatDate, plural, type Tone } from '../ui/format.ts';
import { saveTextFile } from '../ui/save-file.ts';
import { DataTable } from './data-table.tsx';
import type { ScheduledReportsState } from './scheduled-reports-state.ts';

const DELIVERY: Record<ComplianceReportRun['deliveries'][number]['status'], [Tone, string]> = { delivered: ['ok', 'sent'], pending: ['warn', 'sending'], failed: ['bad', 'failed'] };

/** Opens the stored HTML in a tab of its own: the page is self-contained and runs no script. */
async function view(state: ScheduledReportsState, id: string) {
  const file = await state.file(id, 'html');
  if (file) window.open(URL.createObjectURL(new Blob([file.text], { type: 'text/html' })), '_blank', 'noopener');
}

async function download(state: ScheduledReportsState, id: string) {
  const file = await state.file(id, 'csv');
  if (file) saveTextFile(file.filename, file.text);
}

export function ScheduledReports({ state }: { state: ScheduledReportsState }) {
  const runs = state.runs.value;
  return (
    <Section title="Scheduled reports" id="scheduled-reports">
      {state.failure.value && <FailureNotice failure={state.failure.value} />}
      {runs && runs.length === 0 && <Empty>No scheduled report yet: the first is produced at the start of the next period (weekly unless changed).</Empty>}
      {runs && runs.length > 0 && (
        <DataTable caption="Scheduled compliance reports" rows={runs} rowKey={(r) => r.id} columns={[
          { key: 'period', label: 'Period', nowrap: true, render: (r) => r.period },
          { key: 'generated', label: 'Produced', render: (r) => formatDate(r.generatedAt) },
          { key: 'recs', label: 'Recommendations', render: (r) => `${plural(r.summary.recommendations, 'recommendation')}${r.summary.critical ? ` · ${r.summary.critical} critical` : ''}` },
          { key: 'delivery', label: 'Delivered', render: (r) => (r.deliveries.length ? r.deliveries.map((d) => { const [tone, word] = DELIVERY[d.status]; return <Pill key={d.channel} tone={tone}>{`${d.channel === 'email' ? 'Email' : 'Webhook'} ${word}`}</Pill>; }) : <span class="muted small">stored only</span>) },
          { key: 'open', label: 'Report', render: (r) => (
            <span class="row-actions">
              <button type="button" class="btn" onClick={() => void view(state, r.id)}>View</button>
              <button type="button" class="btn" onClick={() => void download(state, r.id)}>CSV</button>
            </span>
          ) },
        ]} />
      )}
    </Section>
  );
}
