import type { Dashboard } from '../../api/types.ts';
import type { HostLicenseCard } from '../../adapters/licenses.ts';
import { formatCount as n } from '../../ui/format.ts';
import { LiveDot } from '../components.tsx';
import { defineFeature } from '../feature.ts';
import { liveResource, type LiveResource } from '../live-resource.ts';
import { mountUi } from '../mount.tsx';
import { observe } from '../observe.ts';
import type { OverlayStatus } from '../status.ts';

type Live = Dashboard['products'][number];
const FIGURES = [
  { key: 'total', label: 'Total Licensed', live: (l: Live) => l.total, host: (c: HostLicenseCard) => c.total, unit: '' },
  { key: 'assigned', label: 'Currently Assigned', live: (l: Live) => l.assigned, host: (c: HostLicenseCard) => c.assigned, unit: '' },
  { key: 'available', label: 'Available', live: (l: Live) => l.available, host: (c: HostLicenseCard) => c.available, unit: '' },
  // Seats reserved by Edit User forms not yet saved: the platform has no such figure.
  { key: 'held', label: 'Held for open forms', live: (l: Live) => l.held, host: (): number | null => null, unit: '' },
  { key: 'usage', label: 'Usage Percentage', live: (l: Live) => Math.round(l.usagePct), host: (c: HostLicenseCard) => c.usagePct, unit: '%' },
] as const;

function LiveNumbers({ card, live, status }: { card: HostLicenseCard; live: LiveResource<Live[]>; status: OverlayStatus }) {
  const mine = live.value.value?.find((l) => l.product === card.sku);
  const error = live.error.value;
  return (
    <div class="live" role="region" aria-label={`Seatwise live numbers for ${card.sku}`}>
      <div class="live-title"><LiveDot status={status} />Seatwise live</div>
      {error && <span class="inline-error">{error}</span>}
      {!mine && !error && <span class="muted small">Loading…</span>}
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
    const live = liveResource(ctx.backend, signal, async () => (await ctx.backend.request('dashboard.get', {})).data.products);
    observe(adapter.selectors.cards, (cards) => {
      for (const el of cards) {
        const card = adapter.readCard(el);
        if (card) mountUi(card.anchor, <LiveNumbers card={card} live={live} status={ctx.status} />, { signal, feature: 'licenses-live-numbers' });
      }
    }, { signal, name: 'licenses-live-numbers' });
  },
});
