import type { LookupResult } from '@seatwise/shared';
import { describe, expect, it, vi } from 'vitest';
import { createLookupBatcher, type LookupSender } from './lookup-batcher.ts';

const answer = (key: string): LookupResult => ({ key, user: null, licenses: [], roles: [], lastActiveAt: null });
const echo: LookupSender = async ({ emails = [], externalIds = [] }) => [...emails, ...externalIds].map(answer);

describe('createLookupBatcher', () => {
  it('merges lookups asked in the same tick into one request, de-duplicated', async () => {
    const send = vi.fn(echo);
    const batcher = createLookupBatcher(send);
    const results = await Promise.all([
      batcher.lookup({ kind: 'email', value: 'a@x.org' }),
      batcher.lookup({ kind: 'email', value: 'A@x.org ' }),
      batcher.lookup({ kind: 'externalId', value: 'MT-1' }),
      batcher.lookup({ kind: 'email', value: 'b@x.org' }),
    ]);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith({ emails: ['a@x.org', 'b@x.org'], externalIds: ['MT-1'] });
    expect(results.map((r) => r.key)).toEqual(['a@x.org', 'a@x.org', 'MT-1', 'b@x.org']);
  });

  it('sends a whole host page (5,000 rows) as one request and chunks only beyond it', async () => {
    const send = vi.fn(echo);
    const batcher = createLookupBatcher(send);
    const keys = Array.from({ length: 12_500 }, (_, i) => `u${i}@x.org`);
    const results = await Promise.all(keys.map((value) => batcher.lookup({ kind: 'email', value })));
    expect(send.mock.calls.map(([r]) => r.emails?.length)).toEqual([5000, 5000, 2500]);
    expect(results[12_499]!.key).toBe('u12499@x.org');
  });

  it('sends separate ticks separately and rejects every waiter of a failed request', async () => {
    const send = vi.fn<LookupSender>().mockRejectedValueOnce(new Error('down')).mockImplementation(echo);
    const batcher = createLookupBatcher(send);
    const first = Promise.all([batcher.lookup({ kind: 'email', value: 'a@x.org' }), batcher.lookup({ kind: 'email', value: 'a@x.org' })]);
    await expect(first).rejects.toThrow('down');
    expect((await batcher.lookup({ kind: 'email', value: 'a@x.org' })).key).toBe('a@x.org');
    expect(send).toHaveBeenCalledTimes(2);
  });
});
