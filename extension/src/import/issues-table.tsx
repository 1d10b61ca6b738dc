import type { ImportIssue } from '@seatwise/shared';
import { useMemo, useState } from 'preact/hooks';
import { formatCount } from '../ui/format.ts';

/** Every row has this height (cells never wrap), so the rows in view follow from the scroll position alone. */
export const ISSUE_ROW_PX = 34;
const VISIBLE_ROWS = 12;
const OVERSCAN = 6;

/** The rows of `issues` to put in the DOM for a scroll position: a 100,000-row dry run renders a screenful, not 100,000 rows. */
export function visibleWindow(count: number, scrollTop: number, rows = VISIBLE_ROWS) {
  const start = Math.max(0, Math.floor(scrollTop / ISSUE_ROW_PX) - OVERSCAN);
  const end = Math.min(count, start + rows + OVERSCAN * 2);
  return { start, end };
}

/** Invalid rows by column, most first: what to fix first in a big file. */
function byColumn(issues: ImportIssue[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const i of issues) counts.set(i.field ?? 'Row', (counts.get(i.field ?? 'Row') ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/**
 * The invalid rows of a dry run: line, column and reason, virtualised (only
 * the rows in view are rendered, the rest are two spacer rows of the right
 * height), so it scrolls like a short table at 100,000 rows.
 */
export function IssuesTable({ issues }: { issues: ImportIssue[] }) {
  const [scrollTop, setScrollTop] = useState(0);
  const columns = useMemo(() => byColumn(issues), [issues]);
  const { start, end } = visibleWindow(issues.length, scrollTop);
  return (
    <div class="issues">
      <p class="muted small issue-columns">
        {columns.map(([column, n]) => (
          <span key={column} class="issue-column">
            <strong>{column}</strong> {formatCount(n)}
          </span>
        ))}
      </p>
      <div class="table-wrap card issues-scroll" style={{ maxHeight: `${ISSUE_ROW_PX * (VISIBLE_ROWS + 1)}px` }} onScroll={(e) => setScrollTop((e.currentTarget as HTMLElement).scrollTop)} tabIndex={0}>
        <table class="table issues-table" aria-rowcount={issues.length + 1}>
          <caption class="visually-hidden">Invalid rows: line, column and reason</caption>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col" class="num">Line</th>
              <th scope="col">Column</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {start > 0 && <tr aria-hidden="true" style={{ height: `${start * ISSUE_ROW_PX}px` }} />}
            {issues.slice(start, end).map((issue, i) => (
              <tr key={start + i} aria-rowindex={start + i + 2}>
                <td class="num">{issue.line}</td>
                <td class="nowrap">{issue.field ?? '—'}</td>
                <td title={issue.reason}>{issue.reason}</td>
              </tr>
            ))}
            {end < issues.length && <tr aria-hidden="true" style={{ height: `${(issues.length - end) * ISSUE_ROW_PX}px` }} />}
          </tbody>
        </table>
      </div>
    </div>
  );
}
