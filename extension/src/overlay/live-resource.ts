import { signal, type ReadonlySignal } from '@preact/signals';
import { toFailure } from '../api/failure.ts';
import type { Backend } from '../messaging/client.ts';
import { onChanged } from './live.ts';

export interface LiveResource<T> {
  value: ReadonlySignal<T | null>;
  /** The last load's failure in words; cleared by the next success. */
  error: ReadonlySignal<string | null>;
  /** Loads again now (e.g. the host's filter changed). */
  refresh(): Promise<void>;
}

/**
 * The load / error / live-refresh trio of an overlay figure: loads now
 * (unless `start: false`), again on every Seatwise change and after every
 * reconnect (the background says "changed" then), and only the latest load's
 * answer is shown, until the page's signal aborts.
 */
export function liveResource<T>(backend: Backend, pageSignal: AbortSignal, load: () => Promise<T>, { start = true } = {}): LiveResource<T> {
  const value = signal<T | null>(null);
  const error = signal<string | null>(null);
  let asked = 0;
  async function refresh() {
    const mine = ++asked;
    try {
      const got = await load();
      if (mine === asked && !pageSignal.aborted) (value.value = got), (error.value = null);
    } catch (e) {
      if (mine === asked && !pageSignal.aborted) error.value = toFailure(e).message;
    }
  }
  onChanged(backend, pageSignal, () => void refresh());
  if (start) void refresh();
  return { value, error, refresh };
}
