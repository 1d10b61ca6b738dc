
/**
 * The host's page shell: which admin page is on screen. Served by the
 * stand-in host v1 (2026-11), which sets `main#mt-main[data-page]` at once on
 * every client-side navigation, before the content arrives.
 */
export const PAGE_KINDS = ['users-list', 'edit-user', 'licenses', 'license-claims'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

export const shellSelectors = {
  /** The element whose `data-page` names the page kind. */
  pageKind: 'main#mt-main[data-page]',
} as const;

export function currentPageKind(doc: Document = document): PageKind | null {
  const kind = doc.querySelector(shellSelectors.pageKind)?.getAttribute('data-page') ?? null;
  return (PAGE_KINDS as readonly string[]).includes(kind ?? '') ? (kind as PageKind) : null;
}

/** The element to watch for page changes (its `data-page` attribute), if the page has one. */
export function pageKindElement(doc: Document = document): Element | null {
  return doc.querySelector(shellSelectors.pageKind);
}
