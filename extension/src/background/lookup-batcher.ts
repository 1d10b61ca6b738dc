import { LOOKUP_MAX_KEYS, type LookupResult } from '@seatwise/shared';

export type LookupKey = { kind: 'email' | 'externalId'; value: string };
export type LookupSender = (request: { emails?: string[]; externalIds?: string[] }) => Promise<LookupResult[]>;

interface Waiter {
  key: LookupKey;
  resolve: (r: LookupResult) => void;
  reject: (e: unknown) => void;
}

const id = (k: LookupKey) => `${k.kind}:${k.kind === 'email' ? k.value.trim().toLowerCase() : k.value.trim()}`;

/**
 * Merges the lookups asked within one window (default: one macrotask, so the
 * rows of every tab that asked at once) into `POST /users/lookup` calls of at
 * most LOOKUP_MAX_KEYS (5,000) distinct keys each: a host page of rows is one call.
 */
export function createLookupBatcher(send: LookupSender, { windowMs = 0, chunk = LOOKUP_MAX_KEYS } = {}) {
  let queue: Waiter[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function sendChunk(keys: LookupKey[], waiters: Map<string, Waiter[]>) {
    const emails = keys.filter((k) => k.kind === 'email').map((k) => k.value.trim());
    const externalIds = keys.filter((k) => k.kind === 'externalId').map((k) => k.value.trim());
    const ordered = [...keys.filter((k) => k.kind === 'email'), ...keys.filter((k) => k.kind === 'externalId')];
    try {
      // The server answers one entry per key asked, emails first, in order.
      const results = await send({ ...(emails.length ? { emails } : {}), ...(externalIds.length ? { externalIds } : {}) });
      ordered.forEach((k, i) => {
        const result = results[i] ?? { key: k.value, user: null, licenses: [], roles: [], lastActiveAt: null };
        for (const w of waiters.get(id(k)) ?? []) w.resolve(result);
      });
    } catch (error) {
      for (const k of ordered) for (const w of waiters.get(id(k)) ?? []) w.reject(error);
    }
  }

  function flush() {
    timer = null;
    const batch = queue;
    queue = [];
    const waiters = new Map<string, Waiter[]>();
    const distinct: LookupKey[] = [];
    for (const w of batch) {
      const k = id(w.key);
      if (!waiters.has(k)) waiters.set(k, []), distinct.push(w.key);
      waiters.get(k)!.push(w);
    }
    for (let i = 0; i < distinct.length; i += chunk) void sendChunk(distinct.slice(i, i + chunk), waiters);
  }

  return {
    lookup(key: LookupKey): Promise<LookupResult> {
      return new Promise((resolve, reject) => {
        queue.push({ key, resolve, reject });
        timer ??= setTimeout(flush, windowMs);
      });
    },
    /** A stable cache key for one lookup key. */
    cacheKey: (key: LookupKey) => `lookup:${id(key)}`,
  };
}
export type LookupBatcher = ReturnType<typeof createLookupBatcher>;
