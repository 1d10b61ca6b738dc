import type { HostRecord } from '../adapters/host-records.ts';
import { FailureError, toFailure } from '../api/failure.ts';
import type { UserSyncResult } from '../api/types.ts';
import { backoffDelay, isRetryable } from './retry.ts';

/** A host user's record as the platform saved it (its user id as Seatwise's externalId), synced to Seatwise as a host change. */
export type HostSyncBody = Omit<HostRecord, 'hostUserId'> & { externalId: string };

/** One platform change on its way to Seatwise; `key` is its idempotency key, the same on every attempt. */
export interface OutboxEntry {
  key: string;
  body: HostSyncBody;
  queuedAt: number;
  attempts: number;
  /** Not tried again before this time (ms); a reconnect tries at once. */
  nextAt: number;
  lastError: string | null;
}

/** What a host sync answered: Seatwise's result, or that the change waits in the outbox. */
export type HostSyncOutcome = UserSyncResult | { queued: true; waiting: number };

export interface OutboxDeps {
  load(): Promise<OutboxEntry[]>;
  save(entries: OutboxEntry[]): Promise<void>;
  send(body: HostSyncBody, key: string): Promise<UserSyncResult>;
  /** The number waiting changed (pages show it). */
  onCount(waiting: number): void;
  /** A queued change landed: Seatwise data changed. */
  onDelivered(): void;
  now?: () => number;
  random?: () => number;
}

const BACKOFF = { baseMs: 2_000, maxMs: 60_000 };

/**
 * Worth trying again: the server unreachable or failing, or its answer that the first
 * attempt with this key is still running (a server stopped mid-request holds it a few minutes).
 */
function waitsAgain(error: unknown): boolean {
  if (isRetryable(error)) return true;
  const f = toFailure(error);
  return f.kind === 'api' && f.status === 409 && /still running/i.test(f.message);
}

/**
 * Host changes that must reach Seatwise, exactly once and in order per user.
 * Every change is written to storage before it is sent, so a worker stopped
 * mid-send or a browser closed while the server is down loses nothing; it
 * is removed only when the server answered it. Each keeps its idempotency
 * key for every attempt, so a send whose answer was lost changes nothing
 * twice. A user's later change never overtakes an earlier one still waiting.
 * Only "cannot reach" and server errors wait and retry (with backoff); a
 * refusal (4xx) is the server's answer and is handed back, not retried.
 */
export function createOutbox(deps: OutboxDeps) {
  const now = deps.now ?? Date.now;
  /** One mutation at a time: storage is read, changed and written as a unit. */
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  };
  let timer: ReturnType<typeof setTimeout> | null = null;

  const remove = async (key: string) => {
    const rest = (await deps.load()).filter((e) => e.key !== key);
    await deps.save(rest);
    deps.onCount(rest.length);
    return rest;
  };

  /** Tries one entry; true when it is done with (landed, or refused for good). */
  async function attempt(entry: OutboxEntry): Promise<{ done: true; result?: UserSyncResult; error?: unknown } | { done: false }> {
    try {
      const result = await deps.send(entry.body, entry.key);
      await remove(entry.key);
      deps.onDelivered();
      return { done: true, result };
    } catch (error) {
      if (!waitsAgain(error)) {
        await remove(entry.key);
        return { done: true, error };
      }
      const entries = await deps.load();
      const mine = entries.find((e) => e.key === entry.key);
      if (mine) {
        mine.attempts++;
        mine.nextAt = now() + backoffDelay(mine.attempts - 1, BACKOFF, deps.random);
        mine.lastError = toFailure(error).message;
        await deps.save(entries);
      }
      return { done: false };
    }
  }

  function schedule(entries: OutboxEntry[]) {
    if (timer) clearTimeout(timer), (timer = null);
    if (!entries.length) return;
    const next = Math.min(...entries.map((e) => e.nextAt));
    timer = setTimeout(() => void flush(), Math.max(0, next - now()));
  }

  /** Sends what is due (everything when `force`, e.g. the server is back), each user's changes in order. */
  function flush({ force = false } = {}): Promise<number> {
    return serial(async () => {
      const blocked = new Set<string>();
      for (const entry of await deps.load()) {
        const user = entry.body.externalId;
        if (blocked.has(user)) continue;
        if (!force && entry.nextAt > now()) {
          blocked.add(user);
          continue;
        }
        const outcome = await attempt(entry);
        if (!outcome.done) blocked.add(user);
        else if (outcome.error) console.warn('[seatwise] a queued platform change was refused by Seatwise', toFailure(outcome.error).message);
      }
      const left = await deps.load();
      deps.onCount(left.length);
      schedule(left);
      return left.length;
    });
  }

  return {
    /**
     * Queues a host change and sends it now unless an earlier change of the
     * same user still waits. Resolves with Seatwise's answer, or `queued`
     * when the change waits; rejects with Seatwise's refusal.
     */
    submit(body: HostSyncBody, key: string): Promise<HostSyncOutcome> {
      return serial(async () => {
        const entries = await deps.load();
        if (!entries.some((e) => e.key === key)) {
          entries.push({ key, body, queuedAt: now(), attempts: 0, nextAt: now(), lastError: null });
          await deps.save(entries);
        }
        const entry = entries.find((e) => e.key === key)!;
        const behind = entries.some((e) => e.body.externalId === body.externalId && e.key !== key && entries.indexOf(e) < entries.indexOf(entry));
        if (!behind) {
          const outcome = await attempt(entry);
          if (outcome.done && outcome.result) return outcome.result;
          if (outcome.done) throw outcome.error instanceof FailureError ? outcome.error : new FailureError(toFailure(outcome.error));
        }
        const left = await deps.load();
        deps.onCount(left.length);
        schedule(left);
        return { queued: true as const, waiting: left.length };
      });
    },
    flush,
    async waiting(): Promise<number> {
      return (await deps.load()).length;
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
