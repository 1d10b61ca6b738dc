import type { ImportReport } from '@seatwise/shared';
import { DataTable, type Column } from '../reports/data-table.tsx';
import { Pill } from '../ui/components.tsx';
import { formatCount, plural } from '../ui/format.ts';

type PoolEffect = ImportReport['pools'][number];
type Archived = ImportReport['archivedUsers'][number];

const POOL_COLUMNS: Column<PoolEffect>[] = [
  { key: 'name', label: 'Pool', render: (p) => p.name },
  { key: 'take', label: 'Seats taken', num: true, render: (p) => (p.take ? `+${formatCount(p.take)}` : '0') },
  { key: 'release', label: 'Seats released', num: true, render: (p) => (p.release ? `−${formatCount(p.release)}` : '0') },
  { key: 'after', label: 'Assigned', num: true, nowrap: true, render: (p) => `${formatCount(p.assignedBefore)} → ${formatCount(p.assignedAfter)} of ${formatCount(p.capacity)}` },
  { key: 'state', label: '', render: (p) => (p.assignedAfter > p.capacity ? <Pill tone="bad">Over capacity</Pill> : p.assignedAfter === p.capacity ? <Pill tone="warn">Full</Pill> : <Pill tone="ok">{`${formatCount(p.capacity - p.assignedAfter)} free`}</Pill>) },
];

const ARCHIVED_SHOWN = 50;
const ARCHIVED_COLUMNS: Column<Archived>[] = [
  { key: 'name', label: 'Name', render: (u) => `${u.firstName} ${u.lastName}` },
  { key: 'email', label: 'Email', render: (u) => u.email },
];

function Figure({ label, value, tone }: { label: string; value: number; tone?: 'bad' | 'warn' }) {
  return (
    <div class={`figure card${tone ? ` figure-${tone}` : ''}`}>
      <span class="figure-value num">{formatCount(value)}</span>
      <span class="figure-label">{label}</span>
    </div>
  );
}

/** What the file does (would do, in a dry run): the counts, the seats per pool, and who a sync archives. */
export function ReportFigures({ report }: { report: ImportReport }) {
  const isUsers = report.kind === 'users';
  return (
    <div class="report-figures">
      <div class="figures" aria-label="Counts">
        <Figure label="Rows read" value={report.rows} />
        <Figure label={report.kind === 'activity' ? 'To record' : 'To create'} value={report.created} />
        {report.kind !== 'activity' && <Figure label="To update" value={report.updated} />}
        <Figure label="Unchanged" value={report.unchanged} />
        {report.mode === 'sync' && <Figure label="To archive" value={report.archived} tone={report.archived ? 'warn' : undefined} />}
        {report.kind === 'activity' && <Figure label="Naming nobody known" value={report.unknownUsers} tone={report.unknownUsers ? 'warn' : undefined} />}
        <Figure label="Invalid" value={report.invalid.length} tone={report.invalid.length ? 'bad' : undefined} />
      </div>
      {isUsers && (
        <p class="licenses-line">
          <strong class="num">{plural(report.licensed, 'user')}</strong> would get a license{' · '}
          <strong class="num">{plural(report.waiting, 'user')}</strong> would wait for a seat (first come, first served, as seats free up).
        </p>
      )}
      {isUsers && report.pools.length > 0 && <DataTable caption="Seats per pool" columns={POOL_COLUMNS} rows={report.pools} rowKey={(p) => p.poolId} />}
      {report.archivedUsers.length > 0 && (
        <details class="archived card">
          <summary>{`${plural(report.archivedUsers.length, 'user')} the file does not name would be archived`}</summary>
          <DataTable caption="Users a sync archives" columns={ARCHIVED_COLUMNS} rows={report.archivedUsers.slice(0, ARCHIVED_SHOWN)} rowKey={(u) => u.id} />
          {report.archivedUsers.length > ARCHIVED_SHOWN && <p class="muted small">{`and ${formatCount(report.archivedUsers.length - ARCHIVED_SHOWN)} more`}</p>}
        </details>
      )}
    </div>
  );
}
