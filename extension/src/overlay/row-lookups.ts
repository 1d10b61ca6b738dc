import type { FeatureContext } from './feature.ts';
import { batch, signal, type Signal } from '@preact/signals';
import type { LookupResult } from '@seatwise/shared';
import { toFailure, type Failure } from '../api/failure.ts';
import type { Backend } from '../messaging/client.ts';
import { onChanged } from './live.ts';

/**
 * How long an answer may take before rows without one say they wait for it:
 * a usual answer comes well within it, and each row is then drawn once, with
 * its chips (a "Checking licenses…" drawn first would be drawn again at once,
 * thousands of rows twice), and nothing flashes.
 */
export const SLOW_MS = 400;

/**
 * The Seatwise answer for each host user row on the page, shared by the
 * features of the Users list. Rows handed in together make ONE `users.lookup`
 * request, sent at once so it travels while the caller mounts its UI (the
 * background sends a page of up to 5,000 rows as one server call); another feature
 * asking for the same rows in the same moment adds nothing. A live change
 * re-asks for the rows still on screen, again in one request. Each user's answer is its own signal, so a change repaints
 * only the rows whose answer changed.
 */
export function createRowLookups(backend: Backend, pageSignal: AbortSignal) {
  const results = new Map<string, Signal<LookupResult | undefined>>();
  const rows = new Map<string, Set<Element>>();
  const failure = signal<Failure | null>(null);
  /** A request has been out for SLOW_MS or more: rows still without an answer may say they are waiting for it. */
  const slow = signal(false);
  let pending = 0;
  /** Bumped after every answer (features that summarise all rows read it). */
  const version = signal(0);
  let requests = 0;
  /** Ids already asked for in the current task: later callers of the same moment reuse that request. */
  let askedThisTask: Set<string> | null = null;

  const resultFor = (id: string) => {
    let s = results.get(id);
    if (!s) results.set(id, (s = signal<LookupResult | undefined>(undefined)));
    return s;
  };

  async function fetch(ids: string[]) {
    if (!ids.length || pageSignal.aborted) return;
    requests++;
    pending++;
    const slowTimer = setTimeout(() => (slow.value = true), SLOW_MS);
    try {
      const answers = await backend.request('users.lookup', { externalIds: ids });
      if (pageSignal.aborted) return;
      // One batch: thousands of rows' answers settle in a single round of effects.
      batch(() => {
        answers.forEach((a, i) => {
          const s = resultFor(ids[i]!);
          const before = s.peek();
          // Unchanged answers keep their object, so nothing repaints for them (a first answer is never compared:
          // a page's first lookup would otherwise stringify every row's answer in the task that hands them out).
          if (before === undefined || JSON.stringify(before) !== JSON.stringify(a)) s.value = a;
        });
        failure.value = null;
        version.value++;
      });
    } catch (error) {
      if (!pageSignal.aborted) failure.value = toFailure(error);
    } finally {
      clearTimeout(slowTimer);
      if (--pending === 0) slow.value = false;
    }
  }


  onChanged(backend, pageSignal, () => {
    const shown = [...rows].filter(([, els]) => [...els].some((el) => el.isConnected)).map(([id]) => id);
    void fetch(shown);
  });

  return {
    /** Rows rendered together: asked for together, after the current DOM update. */
    want(entries: { hostUserId: string; rowElement: Element }[]) {
      const fresh = new Set<string>();
      for (const { hostUserId, rowElement } of entries) {
        let set = rows.get(hostUserId);
        if (!set) rows.set(hostUserId, (set = new Set()));
        for (const el of set) if (!el.isConnected) set.delete(el);
        set.add(rowElement);
        if (!askedThisTask?.has(hostUserId)) fresh.add(hostUserId);
      }
      if (!fresh.size) return;
      if (!askedThisTask) {
        const asked = (askedThisTask = new Set());
        setTimeout(() => askedThisTask === asked && (askedThisTask = null), 0);
      }
      for (const id of fresh) askedThisTask.add(id);
      void fetch([...fresh]);
    },
    result: resultFor,
    failure,
    slow,
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

/** The page's one row-lookup store, made on the first feature's ask: every Users-list feature reads the same. */
export const pageRowLookups = (ctx: FeatureContext): RowLookups => ctx.shared('row-lookups', (signal) => createRowLookups(ctx.backend, signal));
