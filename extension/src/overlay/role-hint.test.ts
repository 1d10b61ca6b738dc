import type { RolePreviewResult } from '@seatwise/shared';
import { describe, expect, it } from 'vitest';
import { roleHint } from './role-hint.ts';

const base: RolePreviewResult = { roles: [], acquire: [], release: [], ok: true, refusal: null, pools: [] };
const pool = (poolId: string, sku: 'elearn' | 'weclimb' | 'combined', available: number) => ({ product: sku === 'weclimb' ? 'weclimb' as const : 'elearn' as const, poolId, sku, seats: 10, assigned: 10 - available, held: 0, available });

describe('roleHint', () => {
  it('says what a seat costs and what is left after it', () => {
    const p = { ...base, acquire: [{ kind: 'acquired' as const, product: 'weclimb' as const, poolId: 'w', sku: 'weclimb' as const }], pools: [pool('w', 'weclimb', 4)] };
    expect(roleHint(p)).toEqual({ tone: 'take', text: 'takes 1 weCLIMB seat · 3 seats left' });
  });

  it('counts a Combined seat once', () => {
    const p = { ...base, acquire: (['elearn', 'weclimb'] as const).map((product) => ({ kind: 'acquired' as const, product, poolId: 'c', sku: 'combined' as const })), pools: [pool('c', 'combined', 2)] };
    expect(roleHint(p)?.text).toBe('takes 1 Combined seat · 1 seat left');
  });

  it('says when no seat is free or the product is not activated', () => {
    expect(roleHint({ ...base, ok: false, refusal: { code: 'license_limit_reached', message: 'm', product: 'elearn' } })).toEqual({ tone: 'blocked', text: 'no eLearn seat free' });
    expect(roleHint({ ...base, ok: false, refusal: { code: 'product_not_activated', message: 'm', product: 'weclimb' } })?.text).toBe('weCLIMB not activated for the organization');
  });

  it('says what unticking frees, or that nothing changes', () => {
    expect(roleHint({ ...base, release: [{ kind: 'released', product: 'elearn', poolId: 'e', sku: 'elearn' }] })?.text).toBe('frees 1 eLearn seat');
    expect(roleHint({ ...base, release: [{ kind: 'released', product: 'elearn', poolId: null, sku: null }] })?.text).toBe('ends the wait for eLearn');
    expect(roleHint(base)).toEqual({ tone: 'none', text: 'no license change' });
    expect(roleHint(undefined)).toBeNull();
  });
});
