import { browser } from '#imports';
import { FailureError } from '../api/failure.ts';
import type { ReportBodies, ReportName } from '../api/types.ts';
import type { Cached } from '../background/cache.ts';
import { LIVE_PORT, type Payload, type Push, type ReportQuery, type Reply, type ReplyData, type RequestType } from './protocol.ts';

/** What pages and content scripts talk to; state factories take it so tests can pass a fake. */
export interface Backend {
  /** Resolves with the reply's data or rejects with a FailureError. */
  request<K extends RequestType>(type: K, payload: Payload<K>): Promise<ReplyData<K>>;
  /** Live pushes from the background; returns an unsubscribe. */
  subscribe(listener: (push: Push) => void): () => void;
}

const PING_MS = 20_000;

/**
 * One request to the background: what `Backend.request` does, on its own for
 * the overlay's loader (on every admin page), which needs nothing else of a
 * backend.
 */
export async function requestBackground<K extends RequestType>(type: K, payload: Payload<K>): Promise<ReplyData<K>> {
  // A worker stopped mid-request rejects or answers nothing: the caller cannot know whether a write went out.
  const reply = (await browser.runtime.sendMessage({ seatwise: 1, type, payload }).catch(() => undefined)) as Reply | undefined;
  if (!reply) throw new FailureError({ kind: 'internal', message: 'The Seatwise background did not answer.' });
  if (!reply.ok) throw new FailureError(reply.failure);
  return reply.data as ReplyData<K>;
}

export function createRuntimeBackend(): Backend {
  const listeners = new Set<(push: Push) => void>();
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  let ping: ReturnType<typeof setInterval> | null = null;

  function connect() {
    port = browser.runtime.connect({ name: LIVE_PORT });
    port.onMessage.addListener((push: Push) => listeners.forEach((l) => l(push)));
    // The worker may be stopped and restarted: reconnect while anyone listens.
    port.onDisconnect.addListener(() => {
      port = null;
      if (listeners.size) setTimeout(() => listeners.size && !port && connect(), 500);
    });
    ping ??= setInterval(() => port?.postMessage({ type: 'ping' }), PING_MS);
  }

  return {
    request: requestBackground,
    subscribe(listener) {
      listeners.add(listener);
      if (!port) connect();
      return () => {
        listeners.delete(listener);
        if (!listeners.size) {
          port?.disconnect();
          port = null;
          if (ping) clearInterval(ping), (ping = null);
        }
      };
    },
  };
}

/**
 * A report's page, typed by the report asked: the background answers
 * `report.get` from that report's own route (background/report-calls.ts).
 */
export async function requestReport<R extends ReportName>(backend: Backend, report: R, query: ReportQuery): Promise<Cached<ReportBodies[R]>> {
  return (await backend.request('report.get', { report, query })) as Cached<ReportBodies[R]>;
}
