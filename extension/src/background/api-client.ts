import type { AppType } from '@seatwise/server/app';
import { hc } from 'hono/client';
import { FailureError, failureFromResponse, unreachable } from '../api/failure.ts';
import { withRetry } from './retry.ts';

export interface Credentials {
  serverUrl: string;
  token: string;
}

/**
 * The one client to the server: `hc<AppType>` for typed routes, `raw()` for
 * routes outside `AppType` (reports, alerts, CSV). Both share one error path:
 * network errors become "unreachable", error bodies become their Failure.
 */
export function createApiClient({ serverUrl, token }: Credentials, fetchImpl: typeof fetch = (...a) => fetch(...a)) {
  const base = serverUrl.replace(/\/+$/, '');
  const headers = { Authorization: `Bearer ${token}` };

  const guardedFetch: typeof fetch = async (input, init) => {
    try {
      return await fetchImpl(input, init);
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw new FailureError(unreachable(base, error));
    }
  };

  const client = hc<AppType>(base, { headers, fetch: guardedFetch });

  async function ok(res: Response): Promise<Response> {
    if (!res.ok) throw new FailureError(await failureFromResponse(res));
    return res;
  }

  /** Awaits a typed call and returns its JSON body (GETs are retried with backoff). */
  async function json<T>(call: () => Promise<{ ok: boolean; json(): Promise<T> } & Response>, { retry = true } = {}): Promise<T> {
    const once = async () => (await ok(await call())).json() as Promise<T>;
    return retry ? withRetry(once) : once();
  }

  /** Awaits a typed call whose answer is text (HTML, CSV). */
  async function text(call: () => Promise<Response>): Promise<string> {
    return (await ok(await call())).text();
  }

  async function raw(path: string, init: RequestInit & { query?: Record<string, string | undefined> } = {}): Promise<Response> {
    const url = new URL(`${base}/api/v1${path}`);
    for (const [k, v] of Object.entries(init.query ?? {})) if (v !== undefined && v !== '') url.searchParams.set(k, v);
    const run = async () => ok(await guardedFetch(url, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } }));
    return !init.method || init.method === 'GET' ? withRetry(run) : run();
  }

  return { base, client, json, text, raw, headers };
}
export type ApiClient = ReturnType<typeof createApiClient>;
