import type { AdapterOverrides } from './overrides-schema.ts';
import { mergeSelectors, type MountPoint } from './selectors.ts';

/** Reports → License Claims. Defaults serve the stand-in host v1 (2026-11). */
export const licenseClaimsSelectors = {
  table: 'table#claims-table',
  rows: 'tr.claim-row',
  userEmail: 'td.col-email',
  product: 'td.col-product',
  date: 'td.col-date time',
  filters: 'form#claims-filter',
  from: 'input[name="from"]',
  to: 'input[name="to"]',
  productFilter: 'select[name="product"]',
};

export interface ClaimRow {
  claimId: string;
  hostUserId: string;
  email: string;
  product: string;
  claimedAt: string | null;
  rowElement: Element;
}

/** The host's claims filter, as plain values ('' = all). */
export interface ClaimsFilter {
  from: string;
  to: string;
  product: string;
}

export function licenseClaimsAdapter(overrides?: AdapterOverrides | null) {
  const s = mergeSelectors('license-claims', licenseClaimsSelectors, overrides);
  const val = (root: ParentNode, sel: string) => root.querySelector<HTMLInputElement | HTMLSelectElement>(sel)?.value ?? '';
  return {
    selectors: s,
    readRow(row: Element): ClaimRow {
      const product = row.querySelector(s.product);
      return {
        claimId: row.getAttribute('data-claim-id') ?? '',
        hostUserId: row.getAttribute('data-user-id') ?? '',
        email: row.querySelector(s.userEmail)?.textContent?.trim().toLowerCase() ?? '',
        product: product?.getAttribute('data-product') ?? product?.textContent?.trim() ?? '',
        claimedAt: row.querySelector(s.date)?.getAttribute('datetime') ?? null,
        rowElement: row,
      };
    },
    readFilter(form: ParentNode): ClaimsFilter {
      return { from: val(form, s.from), to: val(form, s.to), product: val(form, s.productFilter) };
    },
    /** The live counts and the report link go above the host's table. */
    summaryAnchor(table: Element): MountPoint {
      return { element: table, where: 'before' };
    },
  };
}
export type LicenseClaimsAdapter = ReturnType<typeof licenseClaimsAdapter>;
