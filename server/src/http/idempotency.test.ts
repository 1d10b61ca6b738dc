import { describe, expect, it } from 'vitest';
import { useFixture } from '../testing/test-server.ts';

describe('Idempotency-Key on writes, through HTTP', () => {
  const fx = useFixture({
    pools: [{ id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 5 }],
    users: [{ email: 'ann@s1.test', orgIds: ['s1'] }],
  });
  const key = (n: number) => `0b7c6a52-1f4e-4f7a-9a3e-00000000000${n}`;
  const audit = async () => (await fx.server.call('GET', `/api/v1/audit?subjectId=${fx.ids['ann@s1.test']}&limit=500`, { token: fx.tokens.sys })).body.entries.length;

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
    const now = (await fx.server.call('GET', `/api/v1/users/${fx.ids['ann@s1.test']}`, { token: fx.tokens.sys })).body.user;
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
    expect(other.body.error.message).toContain('already used for a different request');
    const bad = await fx.server.call('PUT', `/api/v1/users/${fx.ids['ann@s1.test']}/roles/learner`, { token: fx.tokens.sys, headers: { 'Idempotency-Key': 'no spaces allowed' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('Idempotency-Key must be');
  });

  it('is per token: another token’s same key is a new request', async () => {
    const path = `/api/v1/users/${fx.ids['ann@s1.test']}/roles/observer`;
    const res = await fx.server.call('PUT', path, { token: fx.tokens.orgAdmin, headers: { 'Idempotency-Key': key(1) } });
    expect(res.status).toBe(200);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    expect(res.body.roles).toEqual(['observer']);
  });
});
