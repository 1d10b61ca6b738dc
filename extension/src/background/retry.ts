import { FailureError } from '../api/failure.ts';

export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/** Exponential backoff with full jitter: attempt 0 → up to base, then doubling, capped. */
export function backoffDelay(attempt: number, { baseMs, maxMs }: Backoff, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries only what may succeed later: the server unreachable or failing (5xx). */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof FailureError)) return false;
  const f = error.failure;
  return f.kind === 'unreachable' || (f.kind === 'api' && f.status >= 500);
}

export async function withRetry<T>(fn: () => Promise<T>, { attempts = 3, backoff = { baseMs: 300, maxMs: 3000 } } = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt + 1 >= attempts || !isRetryable(error)) throw error;
      await sleep(backoffDelay(attempt, backoff));
    }
  }
}
