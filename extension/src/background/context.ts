import { toFailure } from '../api/failure.ts';
import type { Me } from '../api/types.ts';
import type { AlertsView } from '../messaging/protocol.ts';
import type { ApiClient } from './api-client.ts';
import type { Cache } from './cache.ts';
import type { Hub } from './hub.ts';
import type { LookupBatcher } from './lookup-batcher.ts';
import type { Outbox } from './outbox.ts';
import type { Session } from './session.ts';

/** What the request handlers and the wiring share. */
export interface BackgroundContext {
  session: Session;
  cache: Cache;
  batcher: LookupBatcher;
  hub: Hub;
  outbox: Outbox;
  me(): Promise<Me | null>;
  /** Re-registers the overlay on the granted sites (and the demo host in the development build). */
  syncOverlay(): Promise<{ origins: string[]; scripts: number }>;
  alerts: {
    current(): Promise<AlertsView>;
    refresh(): Promise<AlertsView>;
    acknowledge(id: string): Promise<AlertsView>;
  };
}

/** Runs a server call with the session's client, and lets its outcome set the connection state. */
export async function withApi<T>(session: Session, fn: (api: ApiClient) => Promise<T>): Promise<T> {
  const api = await session.api();
  try {
    const result = await fn(api);
    session.observe(null);
    return result;
  } catch (error) {
    session.observe(toFailure(error));
    throw error;
  }
}
