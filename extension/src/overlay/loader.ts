import { currentPageKind, type PageKind } from '../adapters/shell.ts';
import type { Backend } from '../messaging/client.ts';
import { onNavigation, type OverlayHost } from './navigation.ts';

/**
 * What the loader hands the page bundles it loads, so that they carry none of
 * it again: the content script's context, and how it reads the page kind on
 * screen and hears of navigations. Not its backend: a bundle has its own copy
 * of FailureError, and `instanceof` tells only its own copy's errors.
 */
export interface OverlayRuntime {
  host: OverlayHost;
  pageKind(): PageKind | null;
  onNavigation(callback: () => void): () => void;
}

/**
 * Where the loader leaves the runtime for the page bundles. They run in the
 * same isolated world as the content script (the page's scripts cannot see
 * its globals), after it, built from the same sources.
 */
const RUNTIME_KEY = Symbol.for('seatwise.overlay-runtime');

export const loaderRuntime = (): OverlayRuntime => {
  const runtime = (globalThis as Record<symbol, OverlayRuntime | undefined>)[RUNTIME_KEY];
  if (!runtime) throw new Error('The overlay bundle ran without its loader.');
  return runtime;
};

/**
 * The content script itself: small, on every admin page. It finds the page
 * kind on screen (now and after each client-side navigation) and has the
 * background load that page's bundle (the overlay with that page's adapter
 * and features only) into this page, once per page kind: no page carries the
 * code of the others.
 */
export function startOverlayLoader(host: OverlayHost, backend: Pick<Backend, 'request'>) {
  const runtime: OverlayRuntime = { host, pageKind: () => currentPageKind(), onNavigation: (callback) => onNavigation(host, callback) };
  (globalThis as Record<symbol, OverlayRuntime>)[RUNTIME_KEY] = runtime;
  const loaded = new Set<PageKind>();
  const check = () => {
    const page = currentPageKind();
    if (!page || loaded.has(page) || host.signal.aborted) return;
    loaded.add(page);
    // Refused (not a granted site's admin page) or the worker gone: nothing of the overlay starts; a later navigation may try again.
    backend.request('overlay.load', { page }).catch(() => loaded.delete(page));
  };
  const stop = runtime.onNavigation(check);
  host.signal.addEventListener('abort', stop, { once: true });
  check();
}
