import { SKUS, type Sku } from '@seatwise/shared/catalog';
import type { AdapterOverrides } from './overrides-schema.ts';
import { int, mergeSelectors, type MountPoint } from './selectors.ts';

/** System Admin → Licenses (the host's License Dashboard). Defaults serve the stand-in host v1 (2026-11). */
export const licensesSelectors = {
  dashboard: '#license-dashboard',
  /** One card per SKU; its `data-product` is the SKU. */
  cards: 'section.product-card[data-product]',
  total: '[data-stat="total"] .stat-value',
  assigned: '[data-stat="assigned"] .stat-value',
  available: '[data-stat="available"] .stat-value',
  usage: '[data-stat="usage"] .stat-value',
};

/** The host's own numbers for one SKU, as it last knew them. */
export interface HostLicenseCard {
  sku: Sku;
  total: number | null;
  assigned: number | null;
  available: number | null;
  usagePct: number | null;
  card: Element;
  /** Where the live numbers go. */
  anchor: MountPoint;
}

const isSku = (v: string | null): v is Sku => !!v && (SKUS as readonly string[]).includes(v);

export function licensesAdapter(overrides?: AdapterOverrides | null) {
  const s = mergeSelectors('licenses', licensesSelectors, overrides);
  // Prefer the raw number in data-value (no thousands separators or %), else the text.
  const num = (card: Element, sel: string) => {
    const el = card.querySelector(sel);
    return el ? int(el.getAttribute('data-value') ?? el.textContent) : null;
  };
  return {
    selectors: s,
    readCard(card: Element): HostLicenseCard | null {
      const sku = card.getAttribute('data-product');
      if (!isSku(sku)) return null;
      return { sku, total: num(card, s.total), assigned: num(card, s.assigned), available: num(card, s.available), usagePct: num(card, s.usage), card, anchor: { element: card, where: 'append' } };
    },
    /** Alerts go above the host's cards. */
    alertsAnchor(dashboard: Element): MountPoint {
      return { element: dashboard, where: 'prepend' };
    },
  };
}
export type LicensesAdapter = ReturnType<typeof licensesAdapter>;
