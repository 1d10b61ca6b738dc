import { signal as makeSignal, type Signal } from '@preact/signals';
import { toFailure } from '../../api/failure.ts';
import type { Dashboard } from '../../api/types.ts';
import type { HostLicenseCard } from '../../adapters/licenses.ts';
import { defineFeature } from '../feature.ts';
import { onChanged } from '../live.ts';
import { mountUi } from '../mount.tsx';
import { observe } from '../observe.ts';

type Live = Dashboard['products'][number];
const n = (x: number) => x.toLocaleString('en-US');
const FIGURES = [
  { key: 'total', label: 'Total Licensed', live: (l: Live) => l.total, host: (c: HostLicenseCard) => c.total, unit: '' },
  { key: 'assigned', label: 'Currently Assigned', live: (l: Live) => l.assigned, host: (c: HostLicenseCard) => c.assigned, unit: '' },
  { key: 'available', label: 'Available', live: (l: Live) => l.available, host: (c: HostLicenseCard) => c.available, unit: '' },
  // Seats reserved by Edit User forms not yet saved: the platform has no such figure.
  { key: 'held', label: 'Held for open forms', live: (l: Live) => l.held, host: (): number | null => null, unit: '' },
  { key: 'usage', label: 'Usage Percentage', live: (l: Live) => Math.round(l.usagePct), host: (c: HostLicenseCard) => c.usagePct, unit: '%' },
] as const;

function LiveNumbers({ card, live, error }: { card: HostLicenseCard; live: Signal<Live[] | null>; error: Signal<string | null> }) {
  const mine = live.value?.find((l) => l.product === card.sku);
  return (
    <div class="live" role="region" aria-label={`Seatwise live numbers for ${card.sku}`}>
      <div class="live-title"><span class="brand-dot" />Seatwise live</div>
      {error.value && <span class="inline-error">{error.value}</span>}
      {!mine && !error.value && <span class="muted small">Loading…</span>}
      {mine && (
        <table class="mini">
          <thead><tr><th>Figure</th><th class="num">Live</th><th class="num">Host</th></tr></thead>
          <tbody>
            {FIGURES.map((f) => {
              const liveValue = f.live(mine);
              const hostValue = f.host(card);
              const diff = hostValue === null ? 0 : liveValue - hostValue;
              return (
                <tr key={f.key} data-stat={f.key} data-live={liveValue}>
                  <td>{f.label}</td>
                  <td class="num"><strong>{`${n(liveValue)}${f.unit}`}</strong></td>
                  <td class="num">
                    {hostValue === null ? '—' : `${n(hostValue)}${f.unit}`}
                    {diff !== 0 && <> <span class="diff" title="Seatwise's live figure differs from the host's by this much">{`${diff > 0 ? '+' : '−'}${n(Math.abs(diff))}${f.unit} vs host`}</span></>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Licenses dashboard: under each host card, Seatwise's live numbers beside the host's, differences highlighted (in words too). */
export default defineFeature({
  id: 'licenses-live-numbers',
  description: 'Live Seatwise numbers beside the host License Dashboard cards, with differences highlighted.',
  pages: ['licenses'],
  init(signal, ctx) {
    const adapter = ctx.adapters.licenses;
    const live = makeSignal<Live[] | null>(null);
    const error = makeSignal<string | null>(null);
    const load = () => ctx.backend.request('dashboard.get', {}).then((d) => ((live.value = d.data.products), (error.value = null)), (e) => (error.value = toFailure(e).message));
    void load();
    onChanged(ctx.backend, signal, load);
    observe(adapter.selectors.cards, (cards) => {
      for (const el of cards) {
        const card = adapter.readCard(el);
        if (card) mountUi(card.anchor, <LiveNumbers card={card} live={live} error={error} />, { signal, feature: 'licenses-live-numbers' });
      }
    }, { signal, name: 'licenses-live-numbers' });
  },
});
