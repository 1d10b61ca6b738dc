import type { AppType } from '@seatwise/server/app';
import { hc } from 'hono/client';
import { FailureError, failureFromResponse, readJson, unreachable } from '../api/failure.ts';
import { withRetry } from './retry.ts';

export interface Credentials {
  serverUrl: string;
  token: string;
}

/** A typed call of `hc<AppType>`, awaited by the helpers below. */
type Call<T = unknown> = () => Promise<{ ok: boolean; json(): Promise<T> } & Response>;

/**
 * The one client to the server: `hc<AppType>`, so every call is typed from
 * the server's routes (JSON, CSV exports and the event stream alike). One
 * error path: network errors become "unreachable", error bodies become their Failure.
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

  /** A typed call's successful answer; an error answer throws its Failure. */
  async function response(call: Call): Promise<Response> {
    const res = await call();
    if (!res.ok) throw new FailureError(await failureFromResponse(res));
    return res;
  }

  /**
   * Awaits a typed call and returns its JSON body. Reads are retried with
   * backoff; so are writes that carry an idempotency key (the server answers
   * a repeat with the first answer and changes nothing twice).
   */
  async function json<T>(call: Call<T>, { retry = true } = {}): Promise<T> {
    const once = async () => readJson<T>(await response(call), base);
    return retry ? withRetry(once) : once();
  }

  /** Awaits a typed read whose answer is text (HTML, CSV). */
  async function text(call: Call): Promise<string> {
    return withRetry(async () => (await response(call)).text());
  }

  /** Awaits a typed CSV export: its text, named as the server names the attachment (else `fallback`). */
  async function download(call: Call, fallback: string): Promise<{ filename: string; text: string }> {
    return withRetry(async () => {
      const res = await response(call);
      const named = /filename="?([^";]+)"?/i.exec(res.headers.get('content-disposition') ?? '');
      return { filename: named?.[1] ?? fallback, text: await res.text() };
    });
  }

  return { base, client, json, text, download, response, headers };
}
export type ApiClient = ReturnType<typeof createApiClient>;

/** The headers of a write: its idempotency key, so a repeat (a retry, a lost reply) changes nothing twice. */
export const writeHeaders = (idempotencyKey: string) => ({ headers: { 'Idempotency-Key': idempotencyKey } });
