import type { LookupResult } from '@seatwise/shared';
import { describe, expect, it, vi } from 'vitest';
import { createFakeBackend, tick } from '../testing/fake-backend.ts';
import { createRowLookups, SLOW_MS } from './row-lookups.ts';

const answer = (id: string, roles: string[]) => ({ key: id, user: { id }, licenses: [], roles, lastActiveAt: null }) as unknown as LookupResult;

describe('createRowLookups', () => {
  it("hands out each row's first answer, and after a live change keeps the object of an unchanged answer and replaces a changed one", async () => {
    let roles: Record<string, string[]> = { a: ['learner'], b: ['observer'] };
    const backend = createFakeBackend({ 'users.lookup': ({ externalIds = [] }) => externalIds.map((id) => answer(id, roles[id]!)) as never });
    const lookups = createRowLookups(backend, new AbortController().signal);
    const row = () => document.createElement('tr');
    const rowA = row();
    const rowB = row();
    document.body.append(rowA, rowB);
    lookups.want([
      { hostUserId: 'a', rowElement: rowA },
      { hostUserId: 'b', rowElement: rowB },
    ]);
    await tick();
    const firstA = lookups.result('a').value;
    const firstB = lookups.result('b').value;
    expect(firstA).toEqual(answer('a', ['learner']));
    expect(firstB).toEqual(answer('b', ['observer']));
    expect(lookups.requests).toBe(1);

    roles = { a: ['learner'], b: ['observer', 'learner'] };
    backend.push({ type: 'changed', changes: [] });
    await new Promise((r) => setTimeout(r, 150)); // past the live refresh's coalescing
    expect(lookups.requests).toBe(2);
    expect(lookups.result('a').value).toBe(firstA);
    expect(lookups.result('b').value).not.toBe(firstB);
    expect(lookups.result('b').value).toEqual(answer('b', ['observer', 'learner']));
    rowA.remove();
    rowB.remove();
  });

  it('says an answer is slow only once it has been out SLOW_MS, and not after it came', async () => {
    vi.useFakeTimers();
    try {
      let reply: (a: LookupResult[]) => void = () => undefined;
      const backend = createFakeBackend({ 'users.lookup': () => new Promise<LookupResult[]>((r) => (reply = r)) as never });
      const lookups = createRowLookups(backend, new AbortController().signal);
      const rowA = document.body.appendChild(document.createElement('tr'));
      lookups.want([{ hostUserId: 'a', rowElement: rowA }]);
      // A usual answer comes well within it: the rows wait quietly, drawn once, with their chips.
      await vi.advanceTimersByTimeAsync(SLOW_MS - 1);
      expect(lookups.slow.value).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(lookups.slow.value).toBe(true);
      reply([answer('a', ['learner'])]);
      await vi.advanceTimersByTimeAsync(0);
      expect(lookups.slow.value).toBe(false);
      expect(lookups.result('a').value).toEqual(answer('a', ['learner']));
      rowA.remove();
    } finally {
      vi.useRealTimers();
    }
  });
});
