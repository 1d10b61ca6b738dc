import { SKU_LABELS, SKUS, type Sku } from '@seatwise/shared/catalog';
import type { ClaimsFilter } from '../../adapters/license-claims.ts';
import { requestReport, type Backend } from '../../messaging/client.ts';
import { formatCount, plural } from '../../ui/format.ts';
import { LiveDot } from '../components.tsx';
import { defineFeature } from '../feature.ts';
import { Icon } from '../icons.tsx';
import { liveResource, type LiveResource } from '../live-resource.ts';
import { mountUi } from '../mount.tsx';
import { observe } from '../observe.ts';
import type { OverlayStatus } from '../status.ts';

/** Seats, not claim rows: a Combined seat is one claim per product it covers, and counting those would show 840 for a 420-seat pool. */
interface Counts { seats: number; claims: number; bySku: Partial<Record<Sku, number>> }

/** The host's date-only filter as the report's instants: "to" includes its whole day. */
export function claimsQuery(filter: ClaimsFilter): Record<string, string | undefined> {
  return {
    from: filter.from ? `${filter.from}T00:00:00.000Z` : undefined,
    to: filter.to ? `${filter.to}T23:59:59.999Z` : undefined,
    limit: '1',
  };
}

async function loadCounts(backend: Backend, filter: ClaimsFilter): Promise<Counts> {
  const query = claimsQuery(filter);
  const skus = (SKUS as readonly string[]).includes(filter.product) ? [filter.product as Sku] : [...SKUS];
  const [all, ...each] = await Promise.all([
    requestReport(backend, 'claims', { ...query, ...(skus.length === 1 ? { sku: skus[0] } : {}) }),
    ...skus.map((sku) => requestReport(backend, 'claims', { ...query, sku })),
  ]);
  return { seats: all!.data.seats, claims: all!.data.total, bySku: Object.fromEntries(skus.map((sku, i) => [sku, each[i]!.data.seats])) };
}

function Summary({ counts, open, status }: { counts: LiveResource<Counts>; open: () => void; status: OverlayStatus }) {
  const c = counts.value.value;
  const error = counts.error.value;
  return (
    <div class="bar" role="region" aria-label="Seatwise claims">
      <span class="bar-title"><LiveDot status={status} />Seatwise claims</span>
      {error && <span class="inline-error">{error}</span>}
      {!c && !error && <span class="muted">Counting…</span>}
      {c && (
        <span class="figure-main" data-field="claims-total" title={c.claims === c.seats ? undefined : `${plural(c.claims, 'product license')}: a Combined seat licenses two products`}>
          <strong>{formatCount(c.seats)}</strong> {c.seats === 1 ? 'seat' : 'seats'} claimed in this range
        </span>
      )}
      {c && Object.entries(c.bySku).map(([sku, count]) => (
        <span class={`pill tone-${sku}`} key={sku} data-sku={sku}>
          {SKU_LABELS[sku as Sku]} <strong>{formatCount(count)}</strong>
        </span>
      ))}
      <button type="button" class="link" style="margin-left:auto" onClick={open}>
        Open the full claims report<Icon name="external" />
      </button>
    </div>
  );
}

/** License Claims: live claim counts from Seatwise for the host's date range, and a link to the full claims report. */
export default defineFeature({
  id: 'license-claims-live',
  description: 'Live claim counts for the host filter and a link to the full Seatwise claims report.',
  pages: ['license-claims'],
  init(signal, ctx) {
    const adapter = ctx.adapters.licenseClaims;
    let filter: ClaimsFilter = { from: '', to: '', product: '' };
    // Loaded once the host's filter is read: the first answer is for the range on screen.
    const counts = liveResource(ctx.backend, signal, () => loadCounts(ctx.backend, filter), { start: false });
    const open = () => void ctx.backend.request('reports.open', { report: 'claims' });
    observe(adapter.selectors.filters, (forms) => {
      for (const form of forms) {
        filter = adapter.readFilter(form);
        void counts.refresh();
        form.addEventListener('change', () => ((filter = adapter.readFilter(form)), void counts.refresh()), { signal });
      }
    }, { signal, name: 'license-claims-live-filter' });
    observe(adapter.selectors.table, (tables) => {
      for (const t of tables) mountUi(adapter.summaryAnchor(t), <Summary counts={counts} open={open} status={ctx.status} />, { signal, feature: 'license-claims-live' });
    }, { signal, name: 'license-claims-live' });
  },
});
