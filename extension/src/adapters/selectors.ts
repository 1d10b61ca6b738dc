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

/**
 * `root.querySelectorAll(selector)`, faster for the common `outer inner`
 * form: Chromium matches an element-scoped query with a descendant
 * combinator element by element (about 20 µs for a 15-element user row, a
 * tenth of a second for a 5,000-row page), while finding each `outer` and
 * then each `inner` in it takes a few. Other forms (commas, other
 * combinators, functional pseudo-classes, quoted values) go to the browser
 * as they are.
 */
export function allWithin(root: Element, selector: string): Element[] {
  const pair = SIMPLE_PAIR.exec(selector.trim());
  if (!pair) return [...root.querySelectorAll(selector)];
  // `root` or one above it is an `outer` itself: every `inner` in it counts.
  if (root.closest(pair[1]!)) return [...root.querySelectorAll(pair[2]!)];
  const outers = root.querySelectorAll(pair[1]!);
  if (outers.length === 1) return [...outers[0]!.querySelectorAll(pair[2]!)];
  // Several (nested) `outer`s may find an `inner` twice: once each, in document order, as the browser's own query gives them.
  const found = new Set<Element>();
  for (const outer of outers) for (const inner of outer.querySelectorAll(pair[2]!)) found.add(inner);
  return [...found].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}
/** Two compound selectors with one space between: no combinators, commas, parentheses, quotes or escapes. */
const SIMPLE_PAIR = /^([^\s,>+~()"'\\]+)\s+([^\s,>+~()"'\\]+)$/;

/** Where an overlay goes relative to a host element. */
export interface MountPoint {
  element: Element;
  where: 'before' | 'after' | 'prepend' | 'append';
}

export const int = (text: string | null | undefined): number | null => {
  const digits = (text ?? '').replace(/[^\d.-]/g, '');
  return digits === '' || Number.isNaN(Number(digits)) ? null : Number(digits);
};
