import { createAdapters, currentPageKind, pageKindElement } from '../adapters/index.ts';
import { FailureError } from '../api/failure.ts';
import { createRuntimeBackend } from '../messaging/client.ts';
import type { SessionInfo } from '../messaging/protocol.ts';
import { inactivityDaysItem } from '../storage/items.ts';
import { startFeatureManager } from './feature-manager.ts';
import { FEATURES } from './features/index.ts';
import { createOverlayStatus } from './status.ts';

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
  const session = await backend.request('session.get', {}).catch((error: unknown) => error);
  // The background refuses pages that are not a granted site's admin pages (another port, in a browser whose
  // match patterns cannot say the port): nothing of the overlay starts there.
  if (session instanceof FailureError && session.failure.kind === 'api' && session.failure.code === 'sender_not_allowed') return;
  const info = session instanceof FailureError ? null : (session as SessionInfo);
  const canChange = info?.me?.canChange ?? false;
  const scope = info?.me?.scope;
  // Signed out or not yet known: nothing is claimed about scope (the server still decides every answer).
  const mine = scope && !scope.all ? new Set(scope.orgs.map((o) => o.id)) : null;
  const names = new Map((scope?.orgs ?? []).map((o) => [o.id, o.name]));
  const status = createOverlayStatus(backend, host.signal, info?.state ?? null);
  const [overrides, inactivityDays] = await Promise.all([backend.request('settings.overrides', {}).catch(() => null), inactivityDaysItem.getValue().catch(() => 30)]);
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
      context: {
        backend,
        adapters: createAdapters(overrides),
        inactivityDays,
        canChange,
        status,
        inScope: (orgIds) => !mine || orgIds.some((id) => mine.has(id)),
        orgName: (id) => names.get(id) ?? id,
      },
    },
    host.signal,
  );
}
