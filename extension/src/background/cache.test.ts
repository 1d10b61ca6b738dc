import { describe, expect, it, vi } from 'vitest';
import { createCache } from './cache.ts';

function setup() {
  let now = 1_000;
  const revalidated: string[] = [];
  const cache = createCache({ ttlMs: 100, now: () => now, onRevalidated: (k) => revalidated.push(k) });
  return { cache, revalidated, advance: (ms: number) => (now += ms) };
}

describe('createCache (stale-while-revalidate)', () => {
  it('serves a fresh value without calling the loader again', async () => {
    const { cache } = setup();
    const loader = vi.fn(async () => 1);
    expect((await cache.get('a', loader)).data).toBe(1);
    expect(await cache.get('a', loader)).toEqual({ data: 1, fetchedAt: 1_000, stale: false });
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('serves an old value at once, marked stale, and refreshes it behind the reader', async () => {
    const { cache, advance, revalidated } = setup();
    await cache.get('a', async () => 1);
    advance(150);
    const served = await cache.get('a', async () => 2);
    expect(served).toMatchObject({ data: 1, stale: true });
    await vi.waitFor(() => expect(revalidated).toEqual(['a']));
    expect(await cache.get('a', async () => 3)).toMatchObject({ data: 2, stale: false });
  });

  it('makes readers wait for the new value after an invalidation', async () => {
    const { cache } = setup();
    await cache.get('dashboard', async () => 'old');
    await cache.get('me', async () => 'me');
    expect(cache.invalidate((k) => k !== 'me')).toBe(1);
    expect(await cache.get('dashboard', async () => 'new')).toMatchObject({ data: 'new', stale: false });
    expect((await cache.get('me', async () => 'other')).data).toBe('me');
  });

  it('falls back to the old value, marked stale, when the refresh after an invalidation fails', async () => {
    const { cache } = setup();
    await cache.get('a', async () => 'old');
    cache.invalidate(() => true);
    expect(await cache.get('a', async () => Promise.reject(new Error('down')))).toMatchObject({ data: 'old', stale: true });
  });

  it('shares one load among concurrent readers and rethrows when nothing is cached', async () => {
    const { cache } = setup();
    const loader = vi.fn(() => new Promise<number>((r) => setTimeout(() => r(7), 5)));
    const [a, b] = await Promise.all([cache.get('k', loader), cache.get('k', loader)]);
    expect([a.data, b.data, loader.mock.calls.length]).toEqual([7, 7, 1]);
    await expect(cache.get('x', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
  });
});
