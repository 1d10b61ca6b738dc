import { describe, expect, it } from 'vitest';
import { FailureError } from '../api/failure.ts';
import type { UserSyncResult } from '../api/types.ts';
import { createOutbox, type HostSyncBody, type OutboxEntry } from './outbox.ts';

const body = (externalId: string, roles: HostSyncBody['roles'] = ['learner']): HostSyncBody => ({ email: `${externalId}@x.org`, firstName: 'A', lastName: 'B', externalId, orgIds: ['org_1'], roles });
const down = () => new FailureError({ kind: 'unreachable', serverUrl: 'http://s', message: 'Cannot reach the server.' });

/** A server that is down until `up` is set, recording each change it applied once per key (as the real one does). */
function setup() {
  let stored: OutboxEntry[] = [];
  const server = { up: false, applied: [] as string[], seen: new Set<string>(), refuse: new Set<string>() };
  const counts: number[] = [];
  let clock = 1_000;
  const outbox = createOutbox({
    load: async () => structuredClone(stored),
    save: async (e) => void (stored = structuredClone(e)),
    async send(b, key) {
      if (!server.up) throw down();
      if (server.refuse.has(b.externalId)) throw new FailureError({ kind: 'api', status: 400, code: 'invalid_request', message: 'bad' });
      if (!server.seen.has(key)) server.seen.add(key), server.applied.push(`${b.externalId}:${b.roles.join('+')}`);
      return { user: {}, created: false, changes: [] } as unknown as UserSyncResult;
    },
    onCount: (n) => counts.push(n),
    onDelivered: () => undefined,
    now: () => clock,
    random: () => 0.5,
  });
  return { outbox, server, counts, stored: () => stored, tick: (ms: number) => (clock += ms) };
}

describe('outbox', () => {
  it('sends at once when the server answers, and keeps nothing', async () => {
    const t = setup();
    t.server.up = true;
    const out = await t.outbox.submit(body('MT-1'), 'k1');
    expect('queued' in out).toBe(false);
    expect(t.server.applied).toEqual(['MT-1:learner']);
    expect(t.stored()).toEqual([]);
  });

  it('keeps a change while the server is down, backs off, and delivers it once when it is back', async () => {
    const t = setup();
    expect(await t.outbox.submit(body('MT-1'), 'k1')).toEqual({ queued: true, waiting: 1 });
    expect(t.stored()[0]).toMatchObject({ key: 'k1', attempts: 1 });
    expect(t.stored()[0]!.nextAt).toBeGreaterThan(1_000);
    await t.outbox.flush(); // not due yet: nothing is tried
    expect(t.stored()[0]!.attempts).toBe(1);
    t.tick(60_000);
    await t.outbox.flush();
    expect(t.stored()[0]!.attempts).toBe(2);
    t.server.up = true;
    expect(await t.outbox.flush({ force: true })).toBe(0);
    await t.outbox.flush({ force: true });
    expect(t.server.applied).toEqual(['MT-1:learner']);
    expect(t.counts.at(-1)).toBe(0);
  });

  it('never lets a user’s later change overtake an earlier one still waiting; other users go ahead', async () => {
    const t = setup();
    await t.outbox.submit(body('MT-1', ['learner']), 'a');
    t.server.up = true;
    expect(await t.outbox.submit(body('MT-1', ['learner', 'observer']), 'b')).toEqual({ queued: true, waiting: 2 });
    expect('queued' in (await t.outbox.submit(body('MT-2'), 'c'))).toBe(false);
    await t.outbox.flush({ force: true });
    expect(t.server.applied).toEqual(['MT-2:learner', 'MT-1:learner', 'MT-1:learner+observer']);
  });

  it('hands a refusal back and does not keep retrying it', async () => {
    const t = setup();
    t.server.up = true;
    t.server.refuse.add('MT-9');
    await expect(t.outbox.submit(body('MT-9'), 'r')).rejects.toThrow('bad');
    expect(t.stored()).toEqual([]);
  });
});
