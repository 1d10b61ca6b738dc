import { fakeBrowser } from 'wxt/testing';
import { describe, expect, it } from 'vitest';
import { FailureError, outcomeUnknown } from '../api/failure.ts';
import { createRuntimeBackend } from './client.ts';

const KEY = '9b2f6c1e-4d0a-4c55-9d43-0f7b1f0f6a11';

describe('a write whose answer is lost', () => {
  it('fails as "outcome unknown" (the page re-reads), not as "not changed"', async () => {
    // The background took the request and then went away (a stopped worker): no answer ever comes.
    fakeBrowser.runtime.onMessage.addListener(() => undefined);
    const failure = await createRuntimeBackend()
      .request('holds.place', { userId: 'u_1', role: 'observer', idempotencyKey: KEY })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FailureError);
    expect(outcomeUnknown((failure as FailureError).failure)).toBe(true);
  });

  it('an answered refusal is a known outcome', () => {
    expect(outcomeUnknown({ kind: 'api', status: 409, code: 'license_limit_reached', message: 'no seat' })).toBe(false);
    expect(outcomeUnknown({ kind: 'unreachable', serverUrl: 'https://s', message: 'down' })).toBe(true);
  });
});
