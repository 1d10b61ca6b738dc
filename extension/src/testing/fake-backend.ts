import { FailureError, type Failure } from '../api/failure.ts';
import type { Backend } from '../messaging/client.ts';
import type { Payload, Push, ReplyData, RequestType } from '../messaging/protocol.ts';

type Answer<K extends RequestType> = ReplyData<K> | Failure | ((payload: Payload<K>) => ReplyData<K> | Promise<ReplyData<K>>);

/** A Backend for state tests: canned answers per request type, pushes on demand, a log of what was asked. */
export function createFakeBackend(answers: { [K in RequestType]?: Answer<K> } = {}) {
  const listeners = new Set<(push: Push) => void>();
  const calls: { type: RequestType; payload: unknown }[] = [];
  const backend: Backend & { push(p: Push): void; calls: typeof calls; answer<K extends RequestType>(type: K, a: Answer<K>): void } = {
    calls,
    async request(type, payload) {
      calls.push({ type, payload });
      const a = answers[type] as unknown;
      if (a === undefined) throw new FailureError({ kind: 'internal', message: `no fake answer for ${type}` });
      if (typeof a === 'function') return (a as (p: unknown) => unknown)(payload) as never;
      if (a && typeof a === 'object' && 'kind' in a && 'message' in a && !('data' in a)) throw new FailureError(a as Failure);
      return structuredClone(a) as never;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    push(p) {
      listeners.forEach((l) => l(p));
    },
    answer(type, a) {
      (answers as Record<string, unknown>)[type] = a;
    },
  };
  return backend;
}

export const tick = () => new Promise((r) => setTimeout(r, 0));
