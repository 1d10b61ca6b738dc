import { signal, type Signal } from '@preact/signals';
import type { LookupResult } from '@seatwise/shared';
import { toFailure, type Failure } from '../api/failure.ts';
import type { Backend } from '../messaging/client.ts';
import { onChanged } from './live.ts';

/**
 * The Seatwise answer for each host user row on the page, shared by the
 * features of the Users list. Rows handed in during one DOM update make ONE
 * `users.lookup` request (the background splits it into server calls of
 * ≤1,000 keys); a live change re-asks for the rows still on screen, again in
 * one request. Each user's answer is its own signal, so a change repaints
 * only the rows whose answer changed.
 */
export function createRowLookups(backend: Backend, pageSignal: AbortSignal) {
  const results = new Map<string, Signal<LookupResult | undefined>>();
  const rows = new Map<string, Set<Element>>();
  const failure = signal<Failure | null>(null);
  /** Bumped after every answer (features that summarise all rows read it). */
  const version = signal(0);
  let requests = 0;
  let pending = new Set<string>();
  let scheduled = false;

  const resultFor = (id: string) => {
    let s = results.get(id);
    if (!s) results.set(id, (s = signal<LookupResult | undefined>(undefined)));
    return s;
  };

  async function fetch(ids: string[]) {
    if (!ids.length || pageSignal.aborted) return;
    requests++;
    try {
      const answers = await backend.request('users.lookup', { externalIds: ids });
      if (pageSignal.aborted) return;
      answers.forEach((a, i) => {
        const s = resultFor(ids[i]!);
        // Unchanged answers keep their object, so nothing repaints for them.
        if (JSON.stringify(s.peek()) !== JSON.stringify(a)) s.value = a;
      });
      failure.value = null;
      version.value++;
    } catch (error) {
      if (!pageSignal.aborted) failure.value = toFailure(error);
    }
  }

  function flush() {
    scheduled = false;
    const ids = [...pending];
    pending = new Set();
    void fetch(ids);
  }

  onChanged(backend, pageSignal, () => {
    const shown = [...rows].filter(([, els]) => [...els].some((el) => el.isConnected)).map(([id]) => id);
    void fetch(shown);
  });

  return {
    /** Rows rendered together: asked for together, after the current DOM update. */
    want(entries: { hostUserId: string; rowElement: Element }[]) {
      for (const { hostUserId, rowElement } of entries) {
        pending.add(hostUserId);
        let set = rows.get(hostUserId);
        if (!set) rows.set(hostUserId, (set = new Set()));
        for (const el of set) if (!el.isConnected) set.delete(el);
        set.add(rowElement);
      }
      if (!scheduled) (scheduled = true), queueMicrotask(flush);
    },
    result: resultFor,
    failure,
    version,
    /** Answers for the given host ids that are known now. */
    known(ids: string[]): LookupResult[] {
      return ids.flatMap((id) => results.get(id)?.peek() ?? []);
    },
    get requests() {
      return requests;
    },
  };
}
export type RowLookups = ReturnType<typeof createRowLookups>;

/** The page's one row-lookup store (every Users-list feature reads the same). */
export const ROW_LOOKUPS = 'row-lookups';
