import { pageKindElement } from '../adapters/shell.ts';

/** What the content script gives the overlay: its lifetime on the page, and the page's URL changes (overlay/host.ts). */
export interface OverlayHost {
  /** Aborted when this copy of the overlay is done (the extension was reloaded, updated or removed). */
  signal: AbortSignal;
  /** Calls back after each change of the page's URL, until `signal` aborts. */
  onLocationChange(listener: () => void): void;
}

/**
 * Calls back on every navigation the page could make (client-side route,
 * page-kind attribute change) and when the page's shell first appears (the
 * host may render it after the content script starts); returns an unsubscribe.
 */
export function onNavigation(host: OverlayHost, callback: () => void): () => void {
  host.onLocationChange(callback);
  // The host sets data-page at once on navigation, before a URL change may be noticed.
  const observer = new MutationObserver(callback);
  const watch = (main: Element) => observer.observe(main, { attributes: true, attributeFilter: ['data-page'] });
  const main = pageKindElement();
  if (main) {
    watch(main);
    return () => observer.disconnect();
  }
  const appears = new MutationObserver(() => {
    const shell = pageKindElement();
    if (!shell) return;
    appears.disconnect();
    watch(shell);
    callback();
  });
  appears.observe(document, { childList: true, subtree: true });
  return () => (appears.disconnect(), observer.disconnect());
}
