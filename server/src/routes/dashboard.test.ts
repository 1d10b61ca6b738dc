import { describe, expect, it } from 'vitest';
import { useFixture } from '../testing/test-server.ts';

describe('the dashboard follows the clock as well as the data', () => {
  const fx = useFixture({
    pools: [{ id: 'p_el', orgId: 'd1', sku: 'elearn', seats: 10, endsInDays: 400 }],
    users: [{ email: 'kim@s1.test', orgIds: ['s1'], roles: ['learner'] }],
  });
  const dashboard = async () => (await fx.server.call('GET', '/api/v1/dashboard', { token: fx.tokens.sys })).body;

  it('activity leaves the active window, and the license turns inactive, with nothing written in between', async () => {
    const at = fx.server.clock.now().toISOString();
    expect((await fx.server.call('POST', '/api/v1/activity', { token: fx.tokens.sys, body: { events: [{ email: 'kim@s1.test', product: 'elearn', at }] } })).status).toBe(200);
    expect(await dashboard()).toMatchObject({ activeUsers: 1, inactiveAssignments: 0, utilizationPct: 100 });
    fx.server.clock.advanceDays(29);
    expect(await dashboard()).toMatchObject({ activeUsers: 1, inactiveAssignments: 0 });
    fx.server.clock.advanceDays(2);
    expect(await dashboard()).toMatchObject({ activeUsers: 0, inactiveAssignments: 1, utilizationPct: 0 });
  });
});
