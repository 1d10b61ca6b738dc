import { describe, expect, it } from 'vitest';
import { createFakeBackend, tick } from '../testing/fake-backend.ts';
import { userDetail } from '../testing/fixtures.ts';
import { createHistoryState } from './history-state.ts';

describe('createHistoryState', () => {
  it('finds the user by email, then loads that user\'s history', async () => {
    const detail = userDetail();
    const backend = createFakeBackend({
      'users.find': { data: detail, fetchedAt: 0, stale: false },
      'report.get': ({ query }) => ({ data: { userId: query.userId, rows: [{ seq: 7, action: 'license.assign' }], nextCursor: null }, fetchedAt: 0, stale: false }) as never,
    });
    const history = createHistoryState(backend);
    await history.load();
    expect(backend.calls).toEqual([]); // nobody chosen yet: nothing to ask
    history.lookup.query.value = detail.user.email;
    await history.find();
    await tick();
    expect(backend.calls.at(-1)).toEqual({ type: 'report.get', payload: { report: 'history', query: { limit: '100', userId: detail.user.id } } });
    expect(history.rows.value).toEqual([{ seq: 7, action: 'license.assign' }]);
  });

  it('asks for no history when the email is unknown', async () => {
    const backend = createFakeBackend({ 'users.find': null });
    const history = createHistoryState(backend);
    history.lookup.query.value = 'nobody@district.org';
    await history.find();
    expect(history.lookup.status.value).toBe('not_found');
    expect(backend.calls.map((c) => c.type)).toEqual(['users.find']);
  });
});
