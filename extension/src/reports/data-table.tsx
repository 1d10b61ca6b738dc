import type { ComponentChildren } from 'preact';
import { Empty } from '../ui/components.tsx';

export interface Column<Row> {
  key: string;
  label: string;
  num?: boolean;
  nowrap?: boolean;
  render: (row: Row) => ComponentChildren;
}

export function DataTable<Row>({ columns, rows, caption, rowKey }: { columns: Column<Row>[]; rows: Row[]; caption: string; rowKey: (row: Row, i: number) => string | number }) {
  if (!rows.length) return <Empty>Nothing to show for these filters.</Empty>;
  return (
    // It scrolls on its own, so it takes focus: keyboard users scroll it with the arrow keys (named by its caption).
    <div class="table-wrap card" tabIndex={0} role="region" aria-label={caption}>
      <table class="table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>{columns.map((c) => <th key={c.key} scope="col" class={c.num ? 'num' : undefined}>{c.label}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)}>{columns.map((c) => <td key={c.key} class={[c.num && 'num', c.nowrap && 'nowrap'].filter(Boolean).join(' ') || undefined}>{c.render(row)}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
