import { createAdapters, currentPageKind, pageKindElement } from '../adapters/index.ts';
import { createRuntimeBackend } from '../messaging/client.ts';
import { inactivityDaysItem } from '../storage/items.ts';
import { startFeatureManager } from './feature-manager.ts';
import { FEATURES } from './features/index.ts';

/** What the content script's context gives us (WXT's ContentScriptContext has these). */
export interface OverlayHost {
  signal: AbortSignal;
  addEventListener(target: Window, type: 'wxt:locationchange', listener: () => void): void;
}

/**
 * Starts the overlay on a host page: the admin's selector overrides and
 * inactivity window, then the feature manager, which restarts the page's
 * features on every client-side navigation.
 */
export async function startOverlay(host: OverlayHost) {
  const backend = createRuntimeBackend();
  const [overrides, inactivityDays, canChange] = await Promise.all([
    backend.request('settings.overrides', {}).catch(() => null),
    inactivityDaysItem.getValue().catch(() => 30),
    backend.request('session.get', {}).then((s) => s.me?.canChange ?? false, () => false),
  ]);
  if (host.signal.aborted) return;
  startFeatureManager(
    {
      features: FEATURES,
      pageKind: () => currentPageKind(),
      onNavigation(callback) {
        host.addEventListener(window, 'wxt:locationchange', callback);
        // The host sets data-page at once on navigation, before the URL poll of wxt:locationchange may notice.
        const observer = new MutationObserver(callback);
        const main = pageKindElement();
        if (main) observer.observe(main, { attributes: true, attributeFilter: ['data-page'] });
        return () => observer.disconnect();
      },
      context: { backend, adapters: createAdapters(overrides), inactivityDays, canChange },
    },
    host.signal,
  );
}
