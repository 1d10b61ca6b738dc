import { SKU_LABELS, type Sku } from '@seatwise/shared/catalog';
import type { Dashboard } from '../../api/types.ts';
import { formatCount as n } from '../../ui/format.ts';
import { FailureText, LiveDot, OutboxLine } from '../components.tsx';
import { defineFeature } from '../feature.ts';
import { liveResource } from '../live-resource.ts';
import { mountUi } from '../mount.tsx';
import { observe } from '../observe.ts';
import type { OverlayStatus } from '../status.ts';

type Row = Dashboard['products'][number];

/** ok under 90 %, high from 90 %, full when nothing is free; the words say it too. */
export function seatState(p: Pick<Row, 'available' | 'usagePct'>): { tone: 'ok' | 'high' | 'full'; word: string } {
  if (p.available <= 0) return { tone: 'full', word: 'Full' };
  if (p.usagePct >= 90) return { tone: 'high', word: 'Nearly full' };
  return { tone: 'ok', word: 'Seats free' };
}

const POOL_WORDS: Record<string, string> = { expiring: 'ends soon', grace: 'in grace', expired: 'expired' };

function Counts({ rows, error, status }: { rows: Row[] | null; error: string | null; status: OverlayStatus }) {
  return (
    <div class="bar" role="region" aria-label="Seatwise seat counts">
      <span class="bar-title"><LiveDot status={status} />Seatwise seats</span>
      {error && <FailureText message={error} />}
      {!rows && !error && <span class="muted">Loading seat counts…</span>}
      {rows?.map((p) => {
        const state = seatState(p);
        return (
          <div class={`count state-${state.tone}`} data-sku={p.product} key={p.product}>
            <div class="count-top">
              <span class="count-name">{SKU_LABELS[p.product as Sku] ?? p.product}</span>
              <span class="count-state">{state.word}</span>
            </div>
            <div class="count-line">
              <span class="count-figure" data-field="figure">{`${n(p.assigned)} / ${n(p.total)} · ${n(p.available)} available`}</span>
              {'waiting' in p && Number(p.waiting) > 0 && <span class="count-extra">{`${n(Number(p.waiting))} waiting`}</span>}
              {p.state && POOL_WORDS[p.state] && <span class="count-extra">{`pool ${POOL_WORDS[p.state]}`}</span>}
            </div>
          </div>
        );
      })}
      <OutboxLine waiting={status.outboxWaiting} />
    </div>
  );
}

/** Users list: above the table, per SKU "assigned / total · N available", coloured (and worded) by state. */
export default defineFeature({
  id: 'users-counts-bar',
  description: 'Per-SKU seat counts above the users table, live.',
  pages: ['users-list'],
  init(signal, ctx) {
    const counts = liveResource(ctx.backend, signal, async () => (await ctx.backend.request('dashboard.get', {})).data.products);
    const View = () => <Counts rows={counts.value.value} error={counts.error.value} status={ctx.status} />;
    observe(ctx.adapters.usersList.selectors.table, (tables) => {
      for (const table of tables) mountUi(ctx.adapters.usersList.countsAnchor(table), <View />, { signal, feature: 'users-counts-bar' });
    }, { signal, name: 'users-counts-bar' });
  },
});
