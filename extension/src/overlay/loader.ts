import { currentPageKind, type PageKind } from '../adapters/shell.ts';
import type { Backend } from '../messaging/client.ts';
import { onNavigation, type OverlayHost } from './navigation.ts';

/**
 * Where the loader leaves the content script's context for the page bundles
 * it loads. They run in the same isolated world as the content script (the
 * page's scripts cannot see its globals), after it.
 */
const HOST_KEY = Symbol.for('seatwise.overlay-host');

export const sharedHost = (): OverlayHost => {
  const host = (globalThis as Record<symbol, OverlayHost | undefined>)[HOST_KEY];
  if (!host) throw new Error('The overlay bundle ran without its loader.');
  return host;
};

/**
 * The content script itself: small, on every admin page. It finds the page
 * kind on screen (now and after each client-side navigation) and has the
 * background load that page's bundle (the overlay with that page's features
 * only) into this page, once per page kind: no page carries the code of the
 * others.
 */
export function startOverlayLoader(host: OverlayHost, backend: Pick<Backend, 'request'>) {
  (globalThis as Record<symbol, OverlayHost>)[HOST_KEY] = host;
  const loaded = new Set<PageKind>();
  const check = () => {
    const page = currentPageKind();
    if (!page || loaded.has(page) || host.signal.aborted) return;
    loaded.add(page);
    // Refused (not a granted site's admin page) or the worker gone: nothing of the overlay starts; a later navigation may try again.
    backend.request('overlay.load', { page }).catch(() => loaded.delete(page));
  };
  const stop = onNavigation(host, check);
  host.signal.addEventListener('abort', stop, { once: true });
  check();
}
