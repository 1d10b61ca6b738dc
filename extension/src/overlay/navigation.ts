import { pageKindElement } from '../adapters/shell.ts';

/** What the content script's context gives the overlay (WXT's ContentScriptContext has these). */
export interface OverlayHost {
  signal: AbortSignal;
  addEventListener(target: Window, type: 'wxt:locationchange', listener: () => void): void;
}

/**
 * Calls back on every navigation the page could make (client-side route,
 * page-kind attribute change) and when the page's shell first appears (the
 * host may render it after the content script starts); returns an unsubscribe.
 */
export function onNavigation(host: OverlayHost, callback: () => void): () => void {
  host.addEventListener(window, 'wxt:locationchange', callback);
  // The host sets data-page at once on navigation, before the URL poll of wxt:locationchange may notice.
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
