import { describe, expect, it } from 'vitest';
import { driftLines, driftOf, pendingOnPlatform } from './drift.ts';

const name = (id: string) => ({ org_a: 'Lakeview High', org_b: 'Oak Middle' })[id] ?? id;
const grant = (role: string, source: string, at = '2026-11-27T10:00:00Z') => ({ action: 'role.grant', at, before: null, after: { role, source } });
const revoke = (role: string, source: string, at = '2026-11-27T10:00:00Z') => ({ action: 'role.revoke', at, before: { role }, after: { source } });

describe('drift between the platform and Seatwise', () => {
  it('is nothing when both hold the same roles and organizations, in any order', () => {
    expect(driftOf({ roles: ['learner', 'observer'], orgIds: ['org_a', 'org_b'] }, { roles: ['observer', 'learner'], orgIds: ['org_b', 'org_a'] })).toBeNull();
  });

  it('names both sides in words', () => {
    const d = driftOf({ roles: ['learner'], orgIds: ['org_a'] }, { roles: ['observer', 'learner'], orgIds: ['org_a', 'org_b'] })!;
    expect(driftLines(d, name)).toEqual(['Platform: Learner · Seatwise: Learner, Observer', 'Platform organizations: Lakeview High · Seatwise: Lakeview High, Oak Middle']);
    expect(driftLines(driftOf({ roles: [], orgIds: ['org_a'] }, { roles: ['learner'], orgIds: ['org_a'] })!, name)).toEqual(['Platform: no roles · Seatwise: Learner']);
  });

  it('lists as pending only what Seatwise itself changed last, with the step on the platform', () => {
    const d = driftOf({ roles: ['learner', 'observable'], orgIds: ['org_a'] }, { roles: ['learner', 'observer'], orgIds: ['org_a', 'org_b'] })!;
    const events = [
      { action: 'user.transfer', at: '2026-11-28T09:00:00Z', before: { orgIds: ['org_a'] }, after: { orgIds: ['org_b', 'org_a'], source: 'seatwise' } },
      grant('observer', 'seatwise'),
      revoke('observable', 'seatwise'),
      grant('observable', 'host', '2026-01-01T00:00:00Z'),
    ];
    expect(pendingOnPlatform(d, events, name)).toEqual([
      { what: 'Observer granted in Seatwise on 2026-11-27', step: 'On the platform: Edit User → tick Observer → Save.' },
      { what: 'Observable revoked in Seatwise on 2026-11-27', step: 'On the platform: Edit User → untick Observable → Save.' },
      { what: 'Moved to Lakeview High, Oak Middle in Seatwise on 2026-11-28', step: 'On the platform: Edit User → Organizations: select Lakeview High, Oak Middle → Save.' },
    ]);
  });

  it('is not pending when the platform changed last (or no recent event says Seatwise did)', () => {
    const d = driftOf({ roles: ['learner'], orgIds: ['org_a'] }, { roles: ['learner', 'observer'], orgIds: ['org_a'] })!;
    expect(pendingOnPlatform(d, [grant('observer', 'host')], name)).toEqual([]);
    expect(pendingOnPlatform(d, [], name)).toEqual([]);
    // Seatwise granted it once, then the platform revoked and re-granted: the latest event decides.
    expect(pendingOnPlatform(d, [revoke('observer', 'host', '2026-11-28T00:00:00Z'), grant('observer', 'seatwise')], name)).toEqual([]);
  });

  it('says an archive in Seatwise is pending on the platform', () => {
    const d = driftOf({ roles: ['learner'], orgIds: ['org_a'] }, { roles: ['learner'], orgIds: ['org_a'], archived: true })!;
    expect(driftLines(d, name)).toEqual(['Platform: active · Seatwise: archived']);
    expect(pendingOnPlatform(d, [], name)).toEqual([{ what: 'Archived in Seatwise', step: 'On the platform: deactivate or remove this user.' }]);
  });
});
