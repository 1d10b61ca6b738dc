import { FailureError, toFailure, type Failure } from '../api/failure.ts';
import { alertSchema, changeEventSchema, createSseParser } from '@seatwise/shared';
import type { z } from 'zod';
import type { AlertView, ChangeEvent } from '../api/types.ts';
import type { ApiClient } from './api-client.ts';
import { backoffDelay } from './retry.ts';

/** An event's `data` if it is the JSON the contract says, else null. */
function parseData<T>(schema: z.ZodType<T>, data: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface LiveEventsDeps {
  api: () => Promise<ApiClient>;
  loadLastEventId: () => Promise<string | null>;
  saveLastEventId: (id: string | null) => Promise<void>;
  onReady: () => void;
  onChanges: (changes: ChangeEvent[]) => void;
  onAlert: (alert: AlertView) => void;
  /** The stream failed; `retryInMs` null means "not retrying" (e.g. the token was revoked). */
  onFailure: (failure: Failure, retryInMs: number | null) => void;
  /** The server has no live updates: the caller falls back to polling. */
  onUnavailable: () => void;
  coalesceMs?: number;
  silenceMs?: number;
}

const BACKOFF = { baseMs: 1000, maxMs: 30_000 };
/** The server sends a heartbeat every 15 s: silence for this long means the connection is dead (a laptop slept, a proxy dropped it). */
const SILENCE_MS = 40_000;

/**
 * One `GET /api/v1/events` stream (fetch streaming: the bearer token goes in a
 * header, which EventSource cannot do), resumed with Last-Event-ID, reconnected
 * with backoff. Changes arriving together are handed on together.
 */
export function createLiveEvents(deps: LiveEventsDeps) {
  let controller: AbortController | null = null;
  let running = false;
  /** Bumped by stop(): a stream from an earlier generation must not touch the state. */
  let generation = 0;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let pending: ChangeEvent[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | null = null;

  function queueChange(change: ChangeEvent) {
    pending.push(change);
    flushTimer ??= setTimeout(() => {
      flushTimer = null;
      const batch = pending;
      pending = [];
      deps.onChanges(batch);
    }, deps.coalesceMs ?? 150);
  }

  async function run() {
    controller = new AbortController();
    const { signal } = controller;
    const api = await deps.api();
    const lastId = await deps.loadLastEventId();
    const res = await api.response(() => api.client.api.v1.events.$get({ query: {} }, { headers: { Accept: 'text/event-stream', ...(lastId ? { 'Last-Event-ID': lastId } : {}) }, init: { signal } }));
    if (!res.body) throw new Error('the events stream has no body');
    const parser = createSseParser(lastId);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let silence: ReturnType<typeof setTimeout> | null = null;
    const watch = () => {
      if (silence) clearTimeout(silence);
      silence = setTimeout(() => void reader.cancel(new Error('no heartbeat from the server')).catch(() => undefined), deps.silenceMs ?? SILENCE_MS);
    };
    signal.addEventListener('abort', () => silence && clearTimeout(silence), { once: true });
    for (;;) {
      watch();
      const { value, done } = await reader.read().finally(() => silence && clearTimeout(silence));
      if (done) return;
      for (const event of parser.feed(value)) {
        if (event.event === 'ready') {
          attempt = 0;
          deps.onReady();
        } else if (event.event === 'change') {
          // One malformed event is skipped, not fatal: its id is still saved, so a reconnect does not replay it.
          const change = parseData(changeEventSchema, event.data);
          if (change) queueChange(change);
          if (event.id) await deps.saveLastEventId(event.id);
        } else if (event.event === 'alert') {
          const alert = parseData(alertSchema, event.data);
          if (alert) deps.onAlert(alert);
        }
      }
    }
  }

  function scheduleRetry(failure: Failure) {
    const delay = backoffDelay(attempt++, BACKOFF);
    deps.onFailure(failure, delay);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      start();
    }, delay);
  }

  function start() {
    if (running || retryTimer) return;
    running = true;
    const gen = generation;
    run().then(
      () => {
        if (gen !== generation) return;
        running = false;
        scheduleRetry({ kind: 'internal', message: 'The live-updates stream closed.' });
      },
      (error: unknown) => {
        if (gen !== generation) return;
        running = false;
        if ((error as Error)?.name === 'AbortError') return;
        const failure = toFailure(error);
        if (failure.kind === 'not_signed_in') return;
        if (failure.kind === 'revoked') return deps.onFailure(failure, null);
        if (failure.kind === 'api' && failure.status === 404) return deps.onUnavailable();
        scheduleRetry(error instanceof FailureError ? failure : { kind: 'unreachable', serverUrl: '', message: failure.message });
      },
    );
  }

  return {
    /** Starts the stream unless it runs or waits to retry (cheap: call it from every alarm). */
    ensure: start,
    /** Drops the stream and any retry, e.g. on sign-out or new credentials. */
    stop() {
      generation++;
      controller?.abort();
      controller = null;
      running = false;
      attempt = 0;
      if (retryTimer) clearTimeout(retryTimer), (retryTimer = null);
    },
    get running() {
      return running;
    },
  };
}
