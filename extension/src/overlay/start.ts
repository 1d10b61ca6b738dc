import type { PageKind } from '../adapters/index.ts';
import { FailureError } from '../api/failure.ts';
import { createRuntimeBackend } from '../messaging/client.ts';
import type { SessionInfo } from '../messaging/protocol.ts';
import { startFeatureManager } from './feature-manager.ts';
import { setOverlayStyles } from './mount.tsx';
import type { PageBundle } from './feature.ts';
import type { OverlayRuntime } from './loader.ts';
import { shareRuntime } from './shared-runtime.ts';
import { createOverlayStatus } from './status.ts';

/**
 * Starts the overlay of one page bundle on a host page, with what the loader
 * handed over: the admin's selector overrides and inactivity window, the
 * bundle's adapters, then the feature manager for its features, which
 * restarts them on every client-side navigation (and runs none while another
 * page kind is on screen).
 */
export async function startOverlay<P extends PageKind>({ host, pageKind, onNavigation }: OverlayRuntime, bundle: PageBundle<P>) {
  // Before anything can ask for a lazy part: the parts draw with this bundle's Preact and signals.
  shareRuntime();
  setOverlayStyles(bundle.styles);
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
  const { overrides, inactivityDays } = await backend.request('settings.overlay', {}).catch(() => ({ overrides: null, inactivityDays: 30 }));
  if (host.signal.aborted) return;
  startFeatureManager(
    {
      features: bundle.features,
      pageKind: () => (pageKind() === bundle.page ? bundle.page : null),
      onNavigation,
      context: {
        backend,
        adapters: bundle.adapters(overrides),
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
