import { FailureError, toFailure } from '../api/failure.ts';
import type { HostUserSync } from '../messaging/protocol.ts';
import { backoffDelay, isRetryable } from './retry.ts';

/**
 * A platform change to record in Seatwise: one user's record (a host Save) or
 * the records a host bulk action changed (sent in one all-or-nothing request).
 */
export type HostChange = { user: HostUserSync } | { users: HostUserSync[] };
const usersOf = (change: HostChange) => ('user' in change ? [change.user] : change.users);

/** One platform change on its way to Seatwise; `key` is its idempotency key, the same on every attempt. */
export interface OutboxEntry {
  key: string;
  change: HostChange;
  queuedAt: number;
  attempts: number;
  /** Not tried again before this time (ms); a reconnect tries at once. */
  nextAt: number;
  lastError: string | null;
}

/** What a host sync answered: Seatwise's result, or that the change waits in the outbox. */
export type HostSyncOutcome<Result> = Result | { queued: true; waiting: number };

export interface OutboxDeps {
  load(): Promise<OutboxEntry[]>;
  save(entries: OutboxEntry[]): Promise<void>;
  send(change: HostChange, key: string): Promise<unknown>;
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
  async function attempt(entry: OutboxEntry): Promise<{ done: true; result?: unknown; error?: unknown } | { done: false }> {
    try {
      const result = await deps.send(entry.change, entry.key);
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
        const users = usersOf(entry.change).map((u) => u.externalId);
        const block = () => users.forEach((u) => blocked.add(u));
        if (users.some((u) => blocked.has(u))) {
          block(); // a change of several users waits for each user's earlier changes, and holds back their later ones
          continue;
        }
        if (!force && entry.nextAt > now()) {
          block();
          continue;
        }
        const outcome = await attempt(entry);
        if (!outcome.done) block();
        else if (outcome.error) console.warn('[seatwise] a queued platform change was refused by Seatwise', toFailure(outcome.error).message);
      }
      const left = await deps.load();
      deps.onCount(left.length);
      schedule(left);
      return left.length;
    });
  }

  /**
   * Queues a host change and sends it now unless an earlier change of one of
   * its users still waits. Resolves with Seatwise's answer, or `queued` when
   * the change waits; rejects with Seatwise's refusal.
   */
  function submit(change: HostChange, key: string): Promise<HostSyncOutcome<unknown>> {
    return serial(async () => {
      const entries = await deps.load();
      if (!entries.some((e) => e.key === key)) {
        entries.push({ key, change, queuedAt: now(), attempts: 0, nextAt: now(), lastError: null });
        await deps.save(entries);
      }
      const at = entries.findIndex((e) => e.key === key);
      const mine = new Set(usersOf(change).map((u) => u.externalId));
      const behind = entries.slice(0, at).some((e) => usersOf(e.change).some((u) => mine.has(u.externalId)));
      if (!behind) {
        const outcome = await attempt(entries[at]!);
        if (outcome.done && !outcome.error) return outcome.result;
        if (outcome.done) throw outcome.error instanceof FailureError ? outcome.error : new FailureError(toFailure(outcome.error));
      }
      const left = await deps.load();
      deps.onCount(left.length);
      schedule(left);
      return { queued: true as const, waiting: left.length };
    });
  }

  return {
    /** A host Save or a new host user: one user's record. */
    submit: <Result>(user: HostUserSync, key: string) => submit({ user }, key) as Promise<HostSyncOutcome<Result>>,
    /** A host bulk action: the users it changed, recorded together. */
    submitMany: <Result>(users: HostUserSync[], key: string) => submit({ users }, key) as Promise<HostSyncOutcome<Result>>,
    flush,
    async waiting(): Promise<number> {
      return (await deps.load()).length;
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
