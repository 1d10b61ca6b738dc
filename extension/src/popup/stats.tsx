import type { Dashboard } from '../api/types.ts';
import { formatCount, formatPct } from '../ui/format.ts';

export function Stats({ dashboard }: { dashboard: Dashboard }) {
  const items: [string, string, string, boolean][] = [
    ['activeUsers', 'Active users', formatCount(dashboard.activeUsers), false],
    ['utilization', 'Utilization', formatPct(dashboard.utilizationPct), false],
    ['inactive', 'Inactive assignments', formatCount(dashboard.inactiveAssignments), dashboard.inactiveAssignments > 0],
    ['waiting', 'Waiting for a seat', formatCount(dashboard.waiting), dashboard.waiting > 0],
  ];
  return (
    <dl class="stats">
      {items.map(([key, label, value, attention]) => (
        <div key={key} class={`stat card${attention ? ' stat-attention' : ''}`} data-stat={key}>
          <dt class="muted small">{label}</dt>
          <dd class="stat-value num">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
