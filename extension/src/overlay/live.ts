import type { Backend } from '../messaging/client.ts';

/**
 * Calls `refresh` when Seatwise data changed (a live event, or a change made
 * from any tab), coalesced so a burst of events costs one refresh, until the
 * page's signal aborts.
 */
export function onChanged(backend: Backend, signal: AbortSignal, refresh: () => void, { coalesceMs = 100 } = {}) {
  if (signal.aborted) return;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe = backend.subscribe((push) => {
    if (push.type !== 'changed' || timer) return;
    timer = setTimeout(() => {
      timer = null;
      if (!signal.aborted) refresh();
    }, coalesceMs);
  });
  signal.addEventListener('abort', () => (unsubscribe(), timer && clearTimeout(timer)), { once: true });
}
