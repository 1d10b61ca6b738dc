import { Pill, UsageBar } from '../ui/components.tsx';
import { formatCount, formatPct } from '../ui/format.ts';
import type { SkuView } from './popup-state.ts';

export function SkuCards({ products }: { products: SkuView[] }) {
  return (
    <ul class="skus" aria-label="License pools">
      {products.map((p) => (
        <li key={p.sku} class="sku card" data-sku={p.sku}>
          <div class="sku-head">
            <h3 class="sku-name">{p.label}</h3>
            <Pill tone={p.stateTone}>{p.stateLabel}</Pill>
            <span class="sku-days muted small">{p.daysText}</span>
          </div>
          <div class="sku-figures">
            <span class="sku-main num">
              <span data-field="assigned">{formatCount(p.assigned)}</span>
              <span class="muted"> / </span>
              <span data-field="total">{formatCount(p.total)}</span>
              <span class="muted small"> assigned</span>
            </span>
            <span class="num small">
              <span data-field="available">{formatCount(p.available)}</span> available
              {p.held > 0 && <> · <span data-field="held">{formatCount(p.held)}</span> held</>}
              {' · '}<span data-field="usage">{formatPct(p.usagePct)}</span>
            </span>
          </div>
          <UsageBar pct={p.usagePct} tone={p.usageTone} label={`${p.label} usage`} />
          {p.pools.length > 0 && (
            <ul class="sku-pools" aria-label={`${p.label} pools`}>
              {p.pools.map((pool) => (
                <li key={pool.id} class="sku-pool small" data-pool={pool.id}>
                  <span class="sku-pool-name" title={pool.name}>{pool.name}</span>
                  <Pill tone={pool.stateTone}>{pool.stateLabel}</Pill>
                  <span class="muted">{pool.daysText}</span>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
