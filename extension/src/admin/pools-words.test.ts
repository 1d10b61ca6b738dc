import { describe, expect, it } from 'vitest';
import type { Me, Pool, PoolPreview } from '../api/types.ts';
import { mayChangePool, patchOf } from './pools-state.ts';
import { previewSentences } from './pools-words.ts';

const pool = (over: Partial<Pool> = {}): Pool => ({
  id: 'pool_1', orgId: 'org_1', sku: 'weclimb', name: 'Pilot', seats: 40, assigned: 40, held: 0, available: 0, usagePct: 100,
  startsAt: '2025-11-13T00:00:00.000Z', endsAt: '2026-11-16T00:00:00.000Z', graceDays: 30, overagePct: 0, state: 'active', daysLeft: 300, overAllocated: false, waiting: 0, ...over,
});
const preview = (over: Partial<PoolPreview> = {}): PoolPreview => ({
  before: pool(), after: pool(), licenses: { count: 0, before: 'active', after: 'active' }, served: { count: 0, users: [] }, overAllocatedBy: 0, ...over,
});

describe('pool preview sentences', () => {
  it('count licenses and users with the verb agreeing: 1 resumes, 2 resume', () => {
    expect(previewSentences(preview({ licenses: { count: 1, before: 'suspended', after: 'active' } }))[0]).toBe('1 suspended license resumes: access is back at once.');
    expect(previewSentences(preview({ licenses: { count: 2, before: 'suspended', after: 'active' } }))[0]).toBe('2 suspended licenses resume: access is back at once.');
    const served = previewSentences(preview({ served: { count: 3, users: [{ id: 'u1', email: 'a@x.test', name: 'Ann Lee' }] } }));
    expect(served[0]).toBe('3 waiting users get a seat: Ann Lee and 2 others.');
    expect(previewSentences(preview({ served: { count: 1, users: [] } }))[0]).toBe('1 waiting user gets a seat.');
  });

  it('say what a seat cut does: nobody loses a license, the pool is over-allocated', () => {
    const lines = previewSentences(preview({ overAllocatedBy: 1, after: pool({ seats: 39, assigned: 40, available: 0 }) }));
    expect(lines[0]).toBe('Nobody loses a license, but the pool would be over-allocated by 1 seat: it gives out no seats until 1 license is released.');
    expect(lines.at(-1)).toMatch(/with 40 licenses on 39 seats and 0 seats left\.$/);
  });

  it('say what stays as it is', () => {
    expect(previewSentences(preview({ licenses: { count: 420, before: 'active', after: 'active' } }))[0]).toBe('420 licenses stay active.');
    expect(previewSentences(preview())[0]).toBe('No license changes.');
  });

  it('say when licenses would be suspended', () => {
    expect(previewSentences(preview({ licenses: { count: 1, before: 'grace', after: 'suspended' } }))[0]).toBe('1 license would be suspended: its holder loses access until the pool is renewed.');
  });
});

describe('the pool editor', () => {
  it('sends only the fields changed', () => {
    const f = { orgId: 'org_1', sku: 'weclimb' as const, name: 'Pilot', seats: '40', startsAt: '2025-11-13', endsAt: '2026-11-16', graceDays: '5', overagePct: '0' };
    expect(patchOf(pool(), f)).toEqual({ graceDays: 5 });
    expect(patchOf(pool(), { ...f, graceDays: '30', endsAt: '2027-11-16', seats: '10' })).toEqual({ seats: 10, endsAt: '2027-11-16T00:00:00.000Z' });
  });

  it("follows the server's rule: an admin changes pools owned inside their organizations only", () => {
    const me = (authority: Me['authority'], all: boolean) => ({ authority, canChange: authority === 'system_admin' || authority === 'org_admin', scope: { all, rootOrgId: null, orgs: [{ id: 'org_school' }] } }) as unknown as Me;
    expect(mayChangePool(me('system_admin', true), pool({ orgId: 'org_district' }))).toBe(true);
    expect(mayChangePool(me('org_admin', false), pool({ orgId: 'org_district' }))).toBe(false);
    expect(mayChangePool(me('org_admin', false), pool({ orgId: 'org_school' }))).toBe(true);
    expect(mayChangePool(me('reporter', false), pool({ orgId: 'org_school' }))).toBe(false);
  });
});
