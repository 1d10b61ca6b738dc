import type { License, LookupResult } from '@seatwise/shared';
import { describe, expect, it } from 'vitest';
import { chipsFor } from './chips.ts';

const now = Date.parse('2026-11-28T00:00:00Z');
const daysAgo = (n: number) => new Date(now - n * 86_400_000).toISOString();
const lic = (product: License['product'], sku: License['sku'], state: License['state'] = 'active', since = daysAgo(300)): License => ({ product, sku, state, poolId: sku ? `pool_${sku}` : null, poolName: sku ? `Pool ${sku}` : null, since });
const result = (licenses: License[], lastActiveAt: string | null = daysAgo(1)): LookupResult => ({
  key: 'MT-1',
  user: { id: 'u', email: 'a@b.c', firstName: 'A', lastName: 'B', externalId: 'MT-1', orgIds: ['o'], status: 'active' },
  licenses,
  roles: [],
  lastActiveAt,
});
const labels = (r: LookupResult | undefined, days = 30) => chipsFor(r, { inactivityDays: days, now }).map((c) => c.label);

describe('chipsFor', () => {
  it('shows one chip per product seat, and a Combined seat once', () => {
    expect(labels(result([lic('elearn', 'elearn')]))).toEqual(['eLearn']);
    expect(labels(result([lic('elearn', 'elearn'), lic('weclimb', 'weclimb')]))).toEqual(['eLearn', 'weCLIMB']);
    expect(labels(result([lic('elearn', 'combined'), lic('weclimb', 'combined')]))).toEqual(['Combined']);
  });

  it('names the product of waiting, suspended and grace licenses', () => {
    expect(labels(result([lic('elearn', null, 'waiting')]))).toEqual(['Waiting · eLearn']);
    expect(labels(result([lic('weclimb', 'weclimb', 'suspended')]))).toEqual(['Suspended · weCLIMB']);
    expect(labels(result([lic('weclimb', 'weclimb', 'grace')]))).toEqual(['weCLIMB · grace']);
  });

  it('says No license, Not in Seatwise, and nothing before the answer', () => {
    expect(labels(result([]))).toEqual(['No license']);
    expect(labels({ key: 'MT-2', user: null, licenses: [], roles: [], lastActiveAt: null })).toEqual(['Not in Seatwise']);
    expect(labels(undefined)).toEqual([]);
  });

  it('says Outside your organizations, not Not in Seatwise, for a user the platform lists outside the caller’s organizations', () => {
    const none = { key: 'MT-3', user: null, licenses: [], roles: [], lastActiveAt: null };
    expect(chipsFor(none, { inactivityDays: 30, outside: true }).map((c) => c.label)).toEqual(['Outside your organizations']);
    // A user the server shows the caller is the caller's: its chips, whatever the row says.
    expect(chipsFor(result([lic('elearn', 'elearn')]), { inactivityDays: 30, now, outside: true }).map((c) => c.label)).toEqual(['eLearn']);
  });

  it('marks licensed users inactive past the window from the settings', () => {
    expect(labels(result([lic('elearn', 'elearn')], daysAgo(45)))).toEqual(['eLearn', 'Inactive 45 days']);
    expect(labels(result([lic('elearn', 'elearn')], daysAgo(45)), 60)).toEqual(['eLearn']);
    expect(labels(result([lic('elearn', 'elearn')], null))).toEqual(['eLearn', 'Never active']);
    expect(labels(result([], daysAgo(400)))).toEqual(['No license']);
  });

  it('never calls a license new inside the window inactive: idle time starts when the license does', () => {
    expect(labels(result([lic('elearn', 'elearn', 'active', daysAgo(0))], null))).toEqual(['eLearn']);
    expect(labels(result([lic('elearn', 'elearn', 'active', daysAgo(10))], daysAgo(200)))).toEqual(['eLearn']);
    expect(labels(result([lic('elearn', 'elearn', 'active', daysAgo(40))], null))).toEqual(['eLearn', 'Never active']);
    expect(labels(result([lic('elearn', 'elearn', 'active', daysAgo(40))], daysAgo(200)))).toEqual(['eLearn', 'Inactive 40 days']);
  });
});
