import { describe, expect, it } from 'vitest';
import { LookupCache } from './user-lookup.ts';

const entry = (json: string) => ({ orgIds: ['s1'], json, computedAt: 0, holdsUntil: Infinity });
const v = (callers: number, seats: number, views: number) => ({ callers, seats, views });

describe('the lookup cache’s versions and bound', () => {
  it('lets a request that read older versions neither use nor empty what newer ones kept; newer versions start afresh', () => {
    const cache = new LookupCache(1_000_000);
    const at = v(1, 5, 2);
    expect(cache.usableAt(at)).toBe(true);
    cache.keep(at, new Map([['ann@s1.test', entry('{}')]]), new Map());
    expect(cache.usableAt(v(1, 4, 2))).toBe(false);
    expect(cache.byEmail.size).toBe(1);
    expect(cache.usableAt(v(1, 5, 2))).toBe(true);
    expect(cache.usableAt(v(1, 5, 3))).toBe(true);
    expect(cache.byEmail.size).toBe(0);
  });

  it('drops what a read found if a newer request moved the cache on while it read', () => {
    const cache = new LookupCache(1_000_000);
    const slow = v(1, 1, 1);
    cache.usableAt(slow);
    cache.usableAt(v(2, 1, 1));
    cache.keep(slow, new Map([['ann@s1.test', entry('{}')]]), new Map());
    expect(cache.byEmail.size).toBe(0);
  });

  it('starts afresh past its bound rather than grow', () => {
    const cache = new LookupCache(10_000);
    const at = v(0, 0, 0);
    cache.usableAt(at);
    cache.keep(at, new Map([['a@x.test', entry('x'.repeat(5_000))]]), new Map());
    expect(cache.byEmail.size).toBe(1);
    cache.keep(at, new Map([['b@x.test', entry('x'.repeat(5_000))]]), new Map([['B-1', null]]));
    expect([cache.byEmail.size, cache.byExternalId.size]).toEqual([0, 0]);
  });
});
