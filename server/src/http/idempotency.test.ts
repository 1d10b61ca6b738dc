import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { JobRunner } from '../jobs/job-runner.ts';
import { useFixture } from '../testing/test-server.ts';
import { errorBody } from '../testing/typed-body.ts';
import { ok } from '../testing/typed-client.ts';

describe('Idempotency-Key on writes, through HTTP', () => {
  const fx = useFixture({
    pools: [{ id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 5 }],
    users: [{ email: 'ann@s1.test', orgIds: ['s1'] }],
  });
  const key = (n: number) => `0b7c6a52-1f4e-4f7a-9a3e-00000000000${n}`;
  const audit = async () => (await ok(fx.server.api(fx.tokens.sys).audit.$get({ query: { subjectId: fx.ids['ann@s1.test']!, limit: '500' } }))).entries.length;

  it('a repeat with the same key gets the first answer and changes nothing a second time', async () => {
    const path = `/api/v1/users/${fx.ids['ann@s1.test']}/roles/observer`;
    const first = await fx.server.call('PUT', path, { token: fx.tokens.sys, headers: { 'Idempotency-Key': key(1) } });
    expect(first.status).toBe(200);
    // Revoked in between: a second real grant would change the user again; the repeat must not.
    await fx.server.call('DELETE', path, { token: fx.tokens.sys, headers: { 'Idempotency-Key': key(2) } });
    const entries = await audit();
    const repeat = await fx.server.call('PUT', path, { token: fx.tokens.sys, headers: { 'Idempotency-Key': key(1) } });
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual(first.body);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    const now = (await ok(fx.server.api(fx.tokens.sys).users[':id'].$get({ param: { id: fx.ids['ann@s1.test']! } }))).user;
    expect(now.roles).toEqual([]);
    expect(await audit()).toBe(entries);
  });

  it('keeps a refusal as the answer too, and refuses the same key on another request', async () => {
    const refused = await fx.server.call('PUT', `/api/v1/users/${fx.ids['ann@s1.test']}/roles/learner`, { token: fx.tokens.sys, headers: { 'Idempotency-Key': key(1) } });
    expect(refused.status).toBe(409); // no eLearn pool
    const again = await fx.server.call('PUT', `/api/v1/users/${fx.ids['ann@s1.test']}/roles/learner`, { token: fx.tokens.sys, headers: { 'Idempotency-Key': key(1) } });
    expect([again.status, again.body, again.headers.get('idempotent-replayed')]).toEqual([409, refused.body, 'true']);
    const other = await fx.server.call('PUT', `/api/v1/users/${fx.ids['ann@s1.test']}/roles/observer`, { token: fx.tokens.sys, headers: { 'Idempotency-Key': key(1) } });
    expect(other.status).toBe(400);
    expect(errorBody(other).message).toContain('already used for a different request');
    const bad = await fx.server.call('PUT', `/api/v1/users/${fx.ids['ann@s1.test']}/roles/learner`, { token: fx.tokens.sys, headers: { 'Idempotency-Key': 'no spaces allowed' } });
    expect(bad.status).toBe(400);
    expect(errorBody(bad).message).toContain('Idempotency-Key must be');
  });

  it('is per token: another token’s same key is a new request', async () => {
    const res = await fx.server.api(fx.tokens.orgAdmin, { 'Idempotency-Key': key(1) }).users[':id'].roles[':role'].$put({ param: { id: fx.ids['ann@s1.test']!, role: 'observer' } });
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    expect((await ok(Promise.resolve(res))).roles).toEqual(['observer']);
  });

  it('keeps the answer of a write whose job starts at once (the runner holds the write lock as the answer is kept)', async () => {
    const runner = new JobRunner(fx.server.engine, { pollMs: 60 * 60 * 1000 });
    runner.start();
    try {
      const app = createApp({ database: fx.server.database, engine: fx.server.engine, jobRunner: runner });
      const patch = (n: number, products: string[]) =>
        app.request('/api/v1/orgs/s1', { method: 'PATCH', headers: { authorization: `Bearer ${fx.tokens.sys}`, 'content-type': 'application/json', 'Idempotency-Key': key(n) }, body: JSON.stringify({ products }) });
      // Each change re-evaluates s1's users in a job the runner starts while the middleware keeps the answer.
      for (let n = 1; n <= 6; n++) expect((await patch(n, n % 2 ? ['elearn'] : ['elearn', 'weclimb'])).status).toBe(200);
      const repeat = await patch(6, ['elearn', 'weclimb']);
      expect(repeat.status).toBe(200);
      expect(repeat.headers.get('Idempotent-Replayed')).toBe('true');
    } finally {
      await runner.stop();
    }
  });
});
