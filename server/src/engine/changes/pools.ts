import { LIFECYCLE_DEFAULTS, SKU_PRODUCTS, type Pool, type Sku } from '@seatwise/shared';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { assignments, claims, pools, userOrgs, type PoolRow } from '../../db/schema.ts';
import { ApiError } from '../../errors.ts';
import { appendAudit, type AuditEntry } from './audit.ts';
import type { OrgTree } from '../queries/org-tree.ts';
import { capacity, daysLeft, poolState, seatsTaken, usagePct } from '../policy/pool-state.ts';
import { newId } from '../policy/ids.ts';
import { defaultPoolName, poolLabel } from '../queries/pool-label.ts';
import type { EngineCtx } from './reconcile.ts';
import { serveWaiting } from './waiting.ts';

export interface PoolCreate {
  orgId: string;
  sku: Sku;
  name?: string;
  seats: number;
  startsAt?: string;
  endsAt: string;
  graceDays?: number;
  overagePct?: number;
}

const poolFacts = (p: Omit<PoolRow, 'assigned'>) => ({ name: p.name, seats: p.seats, startsAt: p.startsAt, endsAt: p.endsAt, graceDays: p.graceDays, overagePct: p.overagePct });

/** A term ends after it starts; the one check every create, change and renewal of a pool (and their previews) takes. */
export function requireEndsAfterStart(startsAt: string, endsAt: string, startedBy = 'startsAt') {
  if (Date.parse(endsAt) <= Date.parse(startsAt)) {
    throw new ApiError('invalid_request', `endsAt must be after ${startedBy}`, { issues: [{ path: ['endsAt'], message: `must be after ${startedBy}` }] });
  }
}

export async function createPool(ctx: EngineCtx, input: PoolCreate, id = newId('pool')): Promise<string> {
  const startsAt = input.startsAt ?? ctx.now.toISOString();
  // The schema checks a given startsAt; the default (now) is only known here.
  requireEndsAfterStart(startsAt, input.endsAt, input.startsAt ? 'startsAt' : `startsAt (by default now, ${startsAt})`);
  const row = {
    id,
    orgId: input.orgId,
    sku: input.sku,
    name: input.name ?? defaultPoolName(input.sku, startsAt, input.endsAt),
    seats: input.seats,
    startsAt,
    endsAt: input.endsAt,
    graceDays: input.graceDays ?? LIFECYCLE_DEFAULTS.graceDays,
    overagePct: input.overagePct ?? 0,
  };
  await ctx.tx.insert(pools).values(row);
  await appendAudit(ctx.tx, ctx.now, [{ actorId: ctx.actorId, action: 'pool.create', subjectType: 'pool', subjectId: id, orgId: input.orgId, after: row }]);
  await serveWaiting(ctx);
  return id;
}

async function loadPool(ctx: EngineCtx, id: string): Promise<PoolRow> {
  const [row] = await ctx.tx.select().from(pools).where(eq(pools.id, id));
  if (!row) throw new ApiError('not_found', `pool ${id} not found`);
  return row;
}

/** What a change or a renewal of a pool sets. */
export type PoolTermsPatch = Partial<Pick<PoolRow, 'name' | 'seats' | 'endsAt' | 'graceDays' | 'overagePct'>>;

/** A renewal's new terms: the new end, and new seats if given. */
export const renewalTerms = (renewal: { endsAt: string; seats?: number }): PoolTermsPatch => ({
  endsAt: renewal.endsAt,
  ...(renewal.seats === undefined ? {} : { seats: renewal.seats }),
});

/** Seat, term and overage changes. Lowering seats below the assigned count revokes nobody: the pool is over-allocated. */
export async function updatePool(ctx: EngineCtx, id: string, patch: PoolTermsPatch) {
  const before = await loadPool(ctx, id);
  const after = { ...before, ...patch };
  requireEndsAfterStart(after.startsAt, after.endsAt);
  await ctx.tx.update(pools).set(patch).where(eq(pools.id, id));
  await appendAudit(ctx.tx, ctx.now, [
    { actorId: ctx.actorId, action: 'pool.update', subjectType: 'pool', subjectId: id, orgId: before.orgId, before: poolFacts(before), after: poolFacts(after) },
  ]);
  await serveWaiting(ctx);
}

/** A renewal applies at once; suspended assignments resume so access never lapses. */
export async function renewPool(ctx: EngineCtx, id: string, renewal: { endsAt: string; seats?: number }) {
  const before = await loadPool(ctx, id);
  requireEndsAfterStart(before.startsAt, renewal.endsAt);
  const patch = renewalTerms(renewal);
  const after = { ...before, ...patch };
  const wasExpired = poolState(before, ctx.now) === 'expired';
  await ctx.tx.update(pools).set(patch).where(eq(pools.id, id));
  const entries: AuditEntry[] = [
    { actorId: ctx.actorId, action: 'pool.renew', subjectType: 'pool', subjectId: id, orgId: before.orgId, before: poolFacts(before), after: poolFacts(after) },
  ];
  if (wasExpired && poolState(after, ctx.now) !== 'expired') {
    const held = await ctx.tx
      .select({ userId: assignments.userId, product: assignments.product, orgId: userOrgs.orgId })
      .from(assignments)
      .innerJoin(userOrgs, sql`${userOrgs.userId} = ${assignments.userId} and ${userOrgs.position} = 0`)
      .where(eq(assignments.poolId, id));
    const iso = ctx.now.toISOString();
    for (const h of held) {
      entries.push({ actorId: ctx.actorId, action: 'license.resume', subjectType: 'user', subjectId: h.userId, orgId: h.orgId, after: { product: h.product, poolId: id, state: 'active', how: 'renewal_resume' } });
    }
    for (let i = 0; i < held.length; i += 500) {
      await ctx.tx.insert(claims).values(
        held.slice(i, i + 500).map((h) => ({ at: iso, userId: h.userId, orgId: h.orgId, product: h.product, poolId: id, sku: before.sku, how: 'renewal_resume', actorId: ctx.actorId })),
      );
    }
  }
  await appendAudit(ctx.tx, ctx.now, entries);
  await serveWaiting(ctx);
}

/** Waiting licenses per (home organization, product): the queue a pool could serve. */
async function waitingByHome(db: DbOrTx) {
  return db
    .select({ orgId: userOrgs.orgId, product: assignments.product, n: sql<number>`count(*)` })
    .from(assignments)
    .innerJoin(userOrgs, sql`${userOrgs.userId} = ${assignments.userId} and ${userOrgs.position} = 0`)
    .where(eq(assignments.state, 'waiting'))
    .groupBy(userOrgs.orgId, assignments.product);
}

/** Pools as the API shows them, with live seat counts and lifecycle state. */
export async function poolViews(db: DbOrTx, tree: OrgTree, now: Date, visible: (orgId: string) => boolean = () => true): Promise<Pool[]> {
  const rows = (await db.select().from(pools).orderBy(pools.orgId, pools.sku, pools.endsAt)).filter((p) => visible(p.orgId));
  if (rows.length === 0) return [];
  const waiting = await waitingByHome(db);
  return rows.map((p) => {
    const assigned = p.assigned;
    const subtree = tree.subtree(p.orgId);
    const covered = SKU_PRODUCTS[p.sku];
    return {
      id: p.id,
      orgId: p.orgId,
      sku: p.sku,
      name: poolLabel(p),
      seats: p.seats,
      assigned,
      held: p.held,
      available: Math.max(0, capacity(p) - seatsTaken(p)),
      usagePct: usagePct(assigned, p.seats),
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      graceDays: p.graceDays,
      overagePct: p.overagePct,
      state: poolState(p, now),
      daysLeft: daysLeft(p, now),
      overAllocated: assigned > capacity(p),
      // Waiting users are counted once, on their product's own pool, not again on every Combined pool.
      waiting: covered.length === 1 ? waiting.filter((w) => subtree.has(w.orgId) && covered.includes(w.product)).reduce((n, w) => n + Number(w.n), 0) : 0,
    };
  });
}
