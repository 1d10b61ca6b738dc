import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, seedFixture, type TestServer } from '../testing/test-server.ts';

describe('role changes through HTTP', () => {
  let server: TestServer;
  let tokens: Awaited<ReturnType<typeof seedFixture>>['tokens'];
  let ids: Record<string, string>;

  beforeEach(async () => {
    server = await createTestServer();
    ({ tokens, userIds: ids } = await seedFixture(server, {
      pools: [
        { id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 1 },
        { id: 'p_el', orgId: 'd1', sku: 'elearn', seats: 5 },
      ],
      users: [
        { email: 'ann@s1.test', orgIds: ['s1'] },
        { email: 'bob@s1.test', orgIds: ['s1'] },
      ],
    }));
  });
  afterEach(() => server.close());

  it('grants Observer with a weCLIMB seat, then refuses the next one with nothing changed', async () => {
    const ann = await server.call('PUT', `/api/v1/users/${ids['ann@s1.test']}/roles/observer`, { token: tokens.sys });
    expect(ann.status).toBe(200);
    expect(ann.body.roles).toEqual(['observer']);
    expect(ann.body.licenses).toMatchObject([{ product: 'weclimb', poolId: 'p_wc', state: 'active' }]);

    const bob = await server.call('PUT', `/api/v1/users/${ids['bob@s1.test']}/roles/observer`, { token: tokens.sys });
    expect(bob.status).toBe(409);
    expect(bob.body.error).toMatchObject({ code: 'license_limit_reached', product: 'weclimb', poolId: 'p_wc', seats: 1, assigned: 1 });
    const after = await server.call('GET', `/api/v1/users/${ids['bob@s1.test']}`, { token: tokens.sys });
    expect(after.body.user.roles).toEqual([]);
    expect(after.body.user.licenses).toEqual([]);
  });
});
