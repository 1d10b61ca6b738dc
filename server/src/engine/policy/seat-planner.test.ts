import { describe, expect, it } from 'vitest';
import { planSeats, type CandidatePool } from './seat-planner.ts';

const pool = (id: string, sku: CandidatePool['sku'], capacity: number, assigned = 0, extra: Partial<CandidatePool> = {}): CandidatePool => ({
  id,
  sku,
  depth: 0,
  capacity,
  assigned,
  held: 0,
  state: 'active',
  endsAt: '2030-01-01T00:00:00.000Z',
  ...extra,
});

describe('seat planner', () => {
  it('someone needing both products takes one combined seat where one is free', () => {
    const plan = planSeats({ held: [], needs: new Set(['elearn', 'weclimb']), pools: [pool('el', 'elearn', 5), pool('wc', 'weclimb', 5), pool('co', 'combined', 1)], mode: 'seatwise' });
    expect(plan.acquire).toEqual([
      { product: 'elearn', poolId: 'co', sku: 'combined' },
      { product: 'weclimb', poolId: 'co', sku: 'combined' },
    ]);
  });

  it('else one seat of each', () => {
    const plan = planSeats({ held: [], needs: new Set(['elearn', 'weclimb']), pools: [pool('el', 'elearn', 5), pool('wc', 'weclimb', 5), pool('co', 'combined', 1, 1)], mode: 'seatwise' });
    expect(plan.acquire.map((a) => a.poolId)).toEqual(['el', 'wc']);
  });

  it('keeps a single seat already held and adds the other product beside it', () => {
    const plan = planSeats({ held: [{ product: 'elearn', poolId: 'el', state: 'active' }], needs: new Set(['elearn', 'weclimb']), pools: [pool('el', 'elearn', 5, 1), pool('wc', 'weclimb', 5), pool('co', 'combined', 1)], mode: 'seatwise' });
    expect(plan).toMatchObject({ release: [], acquire: [{ product: 'weclimb', poolId: 'wc' }] });
  });

  it('moves to a combined seat when the other single pool is full', () => {
    const plan = planSeats({ held: [{ product: 'elearn', poolId: 'el', state: 'active' }], needs: new Set(['elearn', 'weclimb']), pools: [pool('el', 'elearn', 5, 1), pool('wc', 'weclimb', 1, 1), pool('co', 'combined', 1)], mode: 'seatwise' });
    expect(plan.release).toEqual([{ product: 'elearn', poolId: 'el', state: 'active' }]);
    expect(plan.acquire.map((a) => [a.product, a.poolId])).toEqual([
      ['elearn', 'co'],
      ['weclimb', 'co'],
    ]);
  });

  it('a single need falls back to a combined seat, and refuses naming the nearest pool when nothing is free', () => {
    expect(planSeats({ held: [], needs: new Set(['weclimb']), pools: [pool('wc', 'weclimb', 1, 1), pool('co', 'combined', 1)], mode: 'seatwise' }).acquire).toEqual([{ product: 'weclimb', poolId: 'co', sku: 'combined' }]);
    const refused = planSeats({ held: [], needs: new Set(['weclimb']), pools: [pool('co', 'combined', 1, 1, { endsAt: '2031-01-01T00:00:00.000Z' }), pool('wc', 'weclimb', 1, 1), pool('far', 'weclimb', 1, 1, { depth: 1 })], mode: 'seatwise' });
    expect(refused.refusal).toMatchObject({ product: 'weclimb', pool: { id: 'wc' } });
    expect(refused.acquire).toEqual([]);
  });

  it('a host change never refuses: what has no seat waits, the rest is granted', () => {
    const plan = planSeats({ held: [], needs: new Set(['elearn', 'weclimb']), pools: [pool('el', 'elearn', 5), pool('wc', 'weclimb', 1, 1)], mode: 'host' });
    expect(plan).toMatchObject({ refusal: null, acquire: [{ product: 'elearn', poolId: 'el' }], wait: ['weclimb'] });
  });

  it('prefers the home organization, then active over expiring over grace; never an expired pool', () => {
    const pools = [pool('district', 'elearn', 5, 0, { depth: 1 }), pool('school-grace', 'elearn', 5, 0, { state: 'grace' }), pool('school', 'elearn', 5, 0, { state: 'expiring' }), pool('old', 'elearn', 5, 0, { state: 'expired' })];
    expect(planSeats({ held: [], needs: new Set(['elearn']), pools, mode: 'seatwise' }).acquire[0]!.poolId).toBe('school');
    expect(planSeats({ held: [], needs: new Set(['elearn']), pools: [pool('old', 'elearn', 5, 0, { state: 'expired' })], mode: 'host' }).wait).toEqual(['elearn']);
  });

  it('releases what the roles no longer need, waiting or not', () => {
    const plan = planSeats({ held: [{ product: 'weclimb', poolId: null, state: 'waiting' }, { product: 'elearn', poolId: 'el', state: 'active' }], needs: new Set(), pools: [pool('el', 'elearn', 5, 1)], mode: 'seatwise' });
    expect(plan.release.map((r) => r.product)).toEqual(['weclimb', 'elearn']);
  });
});

describe('seat holds', () => {
  it('a seat reserved by a hold is taken for everyone else, and free for the holder', () => {
    const held = { ...pool('p_wc', 'weclimb', 1), held: 1 };
    const other = planSeats({ held: [], needs: new Set(['weclimb']), pools: [held], mode: 'seatwise' });
    expect(other.refusal).toMatchObject({ product: 'weclimb', pool: { id: 'p_wc' } });
    const holder = planSeats({ held: [], needs: new Set(['weclimb']), pools: [held], mode: 'seatwise', reserved: new Set(['p_wc']) });
    expect(holder).toMatchObject({ refusal: null, acquire: [{ product: 'weclimb', poolId: 'p_wc' }] });
  });
});
