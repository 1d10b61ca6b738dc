import { PRODUCTS, type LicenseEffect, type Product } from '@seatwise/shared';
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { assignments, jobItems, pools } from '../../db/schema.ts';
import { withWriteTx } from '../../db/write-tx.ts';
import type { Engine } from '../engine.ts';
import { capacity } from '../policy/pool-state.ts';
import { reconcileInTx } from '../engine.ts';
import type { EngineCtx } from './reconcile.ts';

/** Thrown to end a dry run: the transaction rolls back, the value is the answer. */
class DryRun<T> {
  constructor(readonly value: T) {}
}

type Seat = { poolId: string | null; state: 'active' | 'waiting' };
/** userId → product → what they hold. */
type Holdings = Map<string, Map<Product, Seat>>;

/**
 * What a change of the tree or the rules would do to licenses, found by
 * doing it and rolling it back: the change itself (the route's own code),
 * then the re-evaluation job it records, worked off at once as the job runner
 * would (each user in order, as a host change, serving the waiting queue when
 * a seat comes free). The preview is the apply path itself, so the two agree
 * as long as nothing else changes in between. It writes nothing: the one
 * transaction always rolls back. It does hold the write lock while it runs
 * (as long as the change and its job would), so it is asked for on a click,
 * never on every keystroke.
 */
export async function previewEffect(engine: Engine, actorId: string, viewer: Set<string> | null, change: (ctx: EngineCtx) => Promise<string | null>): Promise<LicenseEffect> {
  try {
    await withWriteTx(engine.db, async (tx) => {
      const jobId = await change(await engine.context(tx, actorId, viewer));
      // The job's items, in its order; read fresh as each job transaction would (the change is in place).
      const ctx = await engine.context(tx, actorId, viewer);
      const userIds = jobId ? (await tx.select({ userId: jobItems.userId }).from(jobItems).where(eq(jobItems.jobId, jobId)).orderBy(asc(jobItems.seq))).map((r) => r.userId) : [];
      const queue = (await tx.selectDistinct({ userId: assignments.userId }).from(assignments).where(eq(assignments.state, 'waiting'))).map((r) => r.userId);
      const watched = [...new Set([...userIds, ...queue])];
      const poolsBefore = await tx.select().from(pools);
      const before = await holdings(tx, watched);
      for (const userId of userIds) {
        try {
          // A savepoint per user, as the job has: one that cannot be re-evaluated is skipped alone.
          await tx.transaction((sp) => reconcileInTx({ ...ctx, tx: sp }, { userId, roles: { add: [], remove: [] }, mode: 'host', how: 'host_sync' }));
        } catch {
          /* the job records it as refused; it changes nothing here either */
        }
      }
      const after = await holdings(tx, watched);
      const poolsAfter = new Map((await tx.select().from(pools)).map((p) => [p.id, p]));
      throw new DryRun(effectOf(userIds, queue, before, after, poolsBefore, poolsAfter));
    });
  } catch (thrown) {
    if (thrown instanceof DryRun) return thrown.value as LicenseEffect;
    throw thrown;
  }
  throw new Error('a dry run always ends in its rollback');
}

async function holdings(db: DbOrTx, userIds: string[]): Promise<Holdings> {
  const out: Holdings = new Map();
  for (let i = 0; i < userIds.length; i += 900) {
    const rows = await db
      .select({ userId: assignments.userId, product: assignments.product, poolId: assignments.poolId, state: assignments.state })
      .from(assignments)
      .where(inArray(assignments.userId, userIds.slice(i, i + 900)));
    for (const r of rows) (out.get(r.userId) ?? out.set(r.userId, new Map()).get(r.userId)!).set(r.product, { poolId: r.poolId, state: r.state });
  }
  return out;
}

type PoolRow = typeof pools.$inferSelect;

/** Counts, in users, what changed between the two readings. */
function effectOf(userIds: string[], queue: string[], before: Holdings, after: Holdings, poolsBefore: PoolRow[], poolsAfter: Map<string, PoolRow>): LicenseEffect {
  const perProduct = new Map(PRODUCTS.map((p) => [p, { gain: new Set<string>(), lose: new Set<string>(), wait: new Set<string>() }]));
  const taken = new Map<string, Set<string>>();
  const released = new Map<string, Set<string>>();
  const mark = (into: Map<string, Set<string>>, poolId: string, userId: string) => (into.get(poolId) ?? into.set(poolId, new Set()).get(poolId)!).add(userId);
  const served = new Set<string>();
  const batch = new Set(userIds);
  for (const userId of new Set([...userIds, ...queue])) {
    const was = before.get(userId) ?? new Map<Product, Seat>();
    const now = after.get(userId) ?? new Map<Product, Seat>();
    for (const product of PRODUCTS) {
      const a = was.get(product);
      const b = now.get(product);
      const counts = perProduct.get(product)!;
      const hadSeat = a?.state === 'active';
      const hasSeat = b?.state === 'active';
      if (!hadSeat && hasSeat) {
        counts.gain.add(userId);
        if (!batch.has(userId)) served.add(userId);
      } else if (hadSeat && !b) counts.lose.add(userId);
      else if (b?.state === 'waiting' && a?.state !== 'waiting') counts.wait.add(userId);
    }
    // Seats are per pool and user (a Combined seat covers two products once).
    const poolsOf = (m: Map<Product, Seat>) => new Set([...m.values()].filter((s) => s.state === 'active' && s.poolId).map((s) => s.poolId!));
    const had = poolsOf(was);
    const has = poolsOf(now);
    for (const p of has) if (!had.has(p)) mark(taken, p, userId);
    for (const p of had) if (!has.has(p)) mark(released, p, userId);
  }
  const users = (key: 'gain' | 'lose' | 'wait') => new Set([...perProduct.values()].flatMap((c) => [...c[key]])).size;
  return {
    users: userIds.length,
    gain: users('gain'),
    lose: users('lose'),
    wait: users('wait'),
    served: served.size,
    products: PRODUCTS.map((product) => {
      const c = perProduct.get(product)!;
      return { product, gain: c.gain.size, lose: c.lose.size, wait: c.wait.size };
    }),
    pools: poolsBefore
      .filter((p) => taken.has(p.id) || released.has(p.id))
      .map((p) => ({
        poolId: p.id,
        name: p.name || p.id,
        sku: p.sku,
        seats: capacity(p),
        assignedBefore: p.assigned,
        assignedAfter: poolsAfter.get(p.id)?.assigned ?? p.assigned,
        taken: taken.get(p.id)?.size ?? 0,
        released: released.get(p.id)?.size ?? 0,
      })),
  };
}
