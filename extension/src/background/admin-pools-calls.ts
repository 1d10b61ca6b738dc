import type { Handlers } from '../messaging/router.ts';
import { writeHeaders, type ApiClient } from './api-client.ts';

type PoolHandlers = Pick<Handlers, 'pools.create' | 'pools.update' | 'pools.renew' | 'pools.preview' | 'pools.previewRenewal'>;

/**
 * The Administration page's pool calls. Writes carry the page's idempotency
 * key (a retry after a lost reply changes nothing twice) and go through
 * `changed`: the cache is invalidated and every open page re-reads.
 * Previews are reads: retried, never cached (they answer for this moment).
 */
export function adminPoolCalls(api: <T>(fn: (a: ApiClient) => Promise<T>) => Promise<T>, changed: <T>(result: Promise<T>) => Promise<T>): PoolHandlers {
  const pool = (a: ApiClient) => a.client.api.v1.pools[':id'];
  const param = (id: string) => ({ id: encodeURIComponent(id) });
  return {
    'pools.create': ({ pool: json, idempotencyKey }) => changed(api((a) => a.json(() => a.client.api.v1.pools.$post({ json }, writeHeaders(idempotencyKey))))),
    'pools.update': ({ id, patch, idempotencyKey }) => changed(api((a) => a.json(() => pool(a).$patch({ param: param(id), json: patch }, writeHeaders(idempotencyKey))))),
    'pools.renew': ({ id, idempotencyKey, ...json }) => changed(api((a) => a.json(() => pool(a).renewals.$post({ param: param(id), json }, writeHeaders(idempotencyKey))))),
    'pools.preview': ({ id, patch }) => api((a) => a.json(() => pool(a).preview.$post({ param: param(id), json: patch }))),
    'pools.previewRenewal': ({ id, ...json }) => api((a) => a.json(() => pool(a).renewals.preview.$post({ param: param(id), json }))),
  };
}
