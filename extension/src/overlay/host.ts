import { browser } from '#imports';
import type { OverlayHost } from './navigation.ts';

/** How often the content script looks whether the URL changed (where there is no Navigation API) and whether the extension is still there. */
const CHECK_MS = 1_000;

/**
 * The overlay content script's hold on the page, in place of WXT's
 * content-script context (a kilobyte gzipped on every admin page for the two
 * things used of it). Its signal aborts, taking every overlay down, once this
 * copy can no longer reach the extension (reloaded, updated or removed: the
 * runtime id is gone). URL changes are heard from the Navigation API where the
 * browser has it, and by polling the URL otherwise; each is reported once the
 * new URL is in place (features read `location`). Nothing of it is visible to
 * the page, nor can the page end it.
 */
export function createOverlayHost(): OverlayHost {
  const controller = new AbortController();
  const { signal } = controller;
  const listeners: (() => void)[] = [];
  let href = location.href;
  const check = () => {
    if (signal.aborted) return;
    if (!browser.runtime?.id) return controller.abort();
    if (location.href === href) return;
    href = location.href;
    for (const listener of listeners) listener();
  };
  const timer = setInterval(check, CHECK_MS);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  // A same-document navigation updates the URL right after its navigate event.
  (globalThis as { navigation?: EventTarget }).navigation?.addEventListener('navigate', () => void setTimeout(check), { signal });
  return { signal, onLocationChange: (listener) => void listeners.push(listener) };
}
