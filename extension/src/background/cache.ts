/** What a reader gets: the value, when it was fetched, and whether a newer one is on its way. */
export interface Cached<T> {
  data: T;
  fetchedAt: number;
  stale: boolean;
}

interface Entry {
  data: unknown;
  fetchedAt: number;
  /** Known to have changed on the server (a live event said so): the next read waits for the loader. */
  invalid: boolean;
}

export interface CacheOptions {
  /** Age after which a value is served stale and refreshed behind the reader's back. */
  ttlMs: number;
  /** Called when a background refresh stored a new value, so open pages can re-read. */
  onRevalidated?: (key: string) => void;
  now?: () => number;
}

/**
 * Stale-while-revalidate: fresh → served; old → served at once and refreshed;
 * invalidated → the reader waits for the new value (or gets the old one,
 * marked stale, if the server cannot be reached). Loads of one key share one
 * request.
 */
export function createCache({ ttlMs, onRevalidated, now = Date.now }: CacheOptions) {
  const entries = new Map<string, Entry>();
  const inflight = new Map<string, Promise<unknown>>();

  function load<T>(key: string, loader: () => Promise<T>): Promise<T> {
    const running = inflight.get(key);
    if (running) return running as Promise<T>;
    const p = loader()
      .then((data) => {
        entries.set(key, { data, fetchedAt: now(), invalid: false });
        return data;
      })
      .finally(() => inflight.delete(key));
    inflight.set(key, p);
    return p;
  }

  async function get<T>(key: string, loader: () => Promise<T>, options: { ttlMs?: number } = {}): Promise<Cached<T>> {
    const entry = entries.get(key);
    const ttl = options.ttlMs ?? ttlMs;
    if (entry && !entry.invalid && now() - entry.fetchedAt < ttl) return { data: entry.data as T, fetchedAt: entry.fetchedAt, stale: false };
    if (entry && !entry.invalid) {
      load(key, loader).then(
        () => onRevalidated?.(key),
        () => undefined, // keep serving the old value; the next read tries again
      );
      return { data: entry.data as T, fetchedAt: entry.fetchedAt, stale: true };
    }
    try {
      const data = await load(key, loader);
      return { data, fetchedAt: entries.get(key)?.fetchedAt ?? now(), stale: false };
    } catch (error) {
      if (entry) return { data: entry.data as T, fetchedAt: entry.fetchedAt, stale: true };
      throw error;
    }
  }

  return {
    get,
    peek<T>(key: string): Cached<T> | undefined {
      const e = entries.get(key);
      return e && { data: e.data as T, fetchedAt: e.fetchedAt, stale: e.invalid || now() - e.fetchedAt >= ttlMs };
    },
    set(key: string, data: unknown, fetchedAt = now()) {
      entries.set(key, { data, fetchedAt, invalid: false });
    },
    /** Marks matching keys changed; returns how many were. */
    invalidate(match: (key: string) => boolean): number {
      let n = 0;
      for (const [key, e] of entries) if (match(key) && !e.invalid) (e.invalid = true), n++;
      return n;
    },
    clear() {
      entries.clear();
    },
    keys: () => [...entries.keys()],
  };
}
export type Cache = ReturnType<typeof createCache>;
