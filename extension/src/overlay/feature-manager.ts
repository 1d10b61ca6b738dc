import type { PageKind } from '../adapters/index.ts';
import type { Feature, FeatureContext } from './feature.ts';

export interface ManagerDeps<P extends PageKind> {
  features: readonly Feature<P>[];
  /** Reads the page kind on screen (null: not a page these features overlay). */
  pageKind(): P | null;
  /** Calls back on every navigation the page could make (client-side route, page-kind attribute change); returns an unsubscribe. */
  onNavigation(callback: () => void): () => void;
  context: Omit<FeatureContext<P>, 'page' | 'shared'>;
  /** Where a failing feature is reported; it must never break the host page or the other features. */
  report?: (featureId: string, error: unknown) => void;
}

/** A feature's failure, said in the console: never thrown into the page (also for what a feature does after its start). */
export const reportFailure = (featureId: string, error: unknown) => console.warn(`[seatwise] ${featureId} failed`, error);

/**
 * Runs the features that apply to the page on screen. On navigation to
 * another page (kind or path), the page's signal is aborted — everything the
 * features set up goes with it — and the new page's features start.
 */
export function startFeatureManager<P extends PageKind>(deps: ManagerDeps<P>, signal: AbortSignal) {
  let current: { controller: AbortController; key: string } | null = null;
  const report = deps.report ?? reportFailure;
  const pageKey = () => `${deps.pageKind() ?? ''} ${location.pathname}`;

  function start() {
    const key = pageKey();
    if (current?.key === key) return;
    current?.controller.abort();
    current = null;
    const page = deps.pageKind();
    if (!page || signal.aborted) return;
    const controller = new AbortController();
    signal.addEventListener('abort', () => controller.abort(), { once: true, signal: controller.signal });
    current = { controller, key };
    const shared = new Map<string, unknown>();
    const context: FeatureContext<P> = {
      ...deps.context,
      page,
      shared: <T>(k: string, make: (s: AbortSignal) => T) => (shared.has(k) ? (shared.get(k) as T) : (shared.set(k, make(controller.signal)), shared.get(k) as T)),
    };
    for (const feature of deps.features) {
      if (!feature.pages.includes(page)) continue;
      try {
        Promise.resolve(feature.init(controller.signal, context)).catch((error) => report(feature.id, error));
      } catch (error) {
        report(feature.id, error);
      }
    }
  }

  const unsubscribe = deps.onNavigation(start);
  signal.addEventListener('abort', () => (unsubscribe(), current?.controller.abort()), { once: true });
  start();
  return {
    /** The signal of the page on screen (for tests). */
    get pageSignal() {
      return current?.controller.signal ?? null;
    },
  };
}
