import type { AdapterOverrides } from './overrides-schema.ts';
import type { PageKind } from './shell.ts';

/** A page kind's named CSS selectors. */
export type SelectorSet = Readonly<Record<string, string>>;

/**
 * The defaults with an admin's overrides for that page kind on top. Only
 * names the adapter knows are taken: a typo in the options must not add a
 * selector nobody reads, nor remove a default.
 */
export function mergeSelectors<T extends SelectorSet>(kind: PageKind, defaults: T, overrides: AdapterOverrides | null | undefined): T {
  const mine = overrides?.[kind] ?? {};
  const merged: Record<string, string> = { ...defaults };
  for (const [name, selector] of Object.entries(mine)) if (name in defaults && selector.trim()) merged[name] = selector;
  return merged as T;
}

/** Where an overlay goes relative to a host element. */
export interface MountPoint {
  element: Element;
  where: 'before' | 'after' | 'prepend' | 'append';
}

export const int = (text: string | null | undefined): number | null => {
  const digits = (text ?? '').replace(/[^\d.-]/g, '');
  return digits === '' || Number.isNaN(Number(digits)) ? null : Number(digits);
};
