import type { Authority } from '@seatwise/shared';
import { eq, sql } from 'drizzle-orm';
import { activity, assignments, meta, orgs, pools as poolsTable, users } from '../db/schema.ts';
import { HOSTILE_HOST_USER } from '../demo-host/seed.ts';
import { appendAudit } from '../engine/changes/audit.ts';
import { addDays } from '../engine/policy/clock.ts';
import type { Engine } from '../engine/engine.ts';
import { loadOrgTree } from '../engine/queries/org-tree.ts';
import { createPool } from '../engine/changes/pools.ts';
import { issueToken } from '../engine/changes/tokens.ts';
import { upsertUser } from '../engine/changes/users.ts';
import { DEMO_DISTRICT_ID, generateDemoDistrict } from './district.ts';
import { seedUsageHistory } from './usage-history.ts';

/** Fixed demo tokens, printed at every start: a demo database is for trying things, not for secrets. */
export const DEMO_TOKENS: Record<Authority, { token: string; email: () => string }> = {
  system_admin: { token: 'sw_demo_system_admin', email: () => district().users[0]!.email },
  org_admin: { token: 'sw_demo_org_admin', email: () => district().users[3]!.email },
  reporter: { token: 'sw_demo_reporter', email: () => district().users[1]!.email },
  support: { token: 'sw_demo_support', email: () => district().users[2]!.email },
};

let cached: ReturnType<typeof generateDemoDistrict> | undefined;
const district = () => (cached ??= generateDemoDistrict());

const SEED_KEY = 'demo_seeded_v1';

/**
 * Seeds the demo district once (idempotent: a marker row says it is done).
 * Users arrive as a host import so full pools leave people waiting, just as
 * a real first sync would.
 */
export async function seedDemo(engine: Engine): Promise<{ seeded: boolean }> {
  const [done] = await engine.db.select().from(meta).where(eq(meta.key, SEED_KEY));
  if (done) return { seeded: false };
  const d = district();
  await engine.change(null, async (ctx) => {
    const { tx, now } = ctx;
    await tx.insert(orgs).values(d.orgs);
    await appendAudit(tx, now, d.orgs.map((o) => ({ actorId: null, action: 'org.create', subjectType: 'org', subjectId: o.id, orgId: o.id, after: o })));
    ctx.tree = await loadOrgTree(tx);
    for (const p of d.pools) {
      await createPool(ctx, { orgId: p.orgId, sku: p.sku, name: p.name, seats: p.seats, startsAt: addDays(now, p.startsInDays).toISOString(), endsAt: addDays(now, p.endsInDays).toISOString(), graceDays: p.graceDays }, p.id);
    }
    const everyone = [...d.users, HOSTILE_HOST_USER];
    for (const u of everyone) {
      await upsertUser(ctx, { email: u.email, firstName: u.firstName, lastName: u.lastName, externalId: u.externalId, orgIds: u.orgIds, roles: u.roles, source: 'host' }, 'import');
    }
    // The district has held these licenses since each pool's term began, not since this seed ran:
    // inactivity counts from the later of last use and the license's start.
    await tx.run(sql`update ${assignments} set since = (select ${poolsTable.startsAt} from ${poolsTable} where ${poolsTable.id} = ${assignments.poolId}) where ${assignments.poolId} is not null`);
    // Activity, so "inactive N days" and utilization mean something.
    const ids = new Map((await tx.select({ id: users.id, email: users.email }).from(users)).map((r) => [r.email, r.id]));
    const rows = everyone.flatMap((u) =>
      Object.entries(u.lastSeenDaysAgo).map(([product, days]) => ({ userId: ids.get(u.email)!, product: product as 'elearn' | 'weclimb', lastAt: addDays(now, -days!).toISOString() })),
    );
    for (let i = 0; i < rows.length; i += 300) await tx.insert(activity).values(rows.slice(i, i + 300));
    // Observers saved on the host after the pools filled: they wait for a seat.
    for (const u of d.lateHostSyncs) {
      await upsertUser(ctx, { email: u.email, firstName: u.firstName, lastName: u.lastName, externalId: u.externalId, orgIds: u.orgIds, roles: u.roles, source: 'host' }, 'host_sync');
    }
    const pools = await tx.select().from(poolsTable);
    await seedUsageHistory(tx, now, pools);
    for (const [authority, { token, email }] of Object.entries(DEMO_TOKENS) as [Authority, (typeof DEMO_TOKENS)[Authority]][]) {
      await issueToken(ctx, ids.get(email())!, authority, `demo ${authority}`, token);
    }
    await tx.insert(meta).values({ key: SEED_KEY, value: now.toISOString() });
    await appendAudit(tx, now, [{ actorId: null, action: 'system.seed', subjectType: 'org', subjectId: DEMO_DISTRICT_ID, orgId: DEMO_DISTRICT_ID, after: { users: everyone.length + d.lateHostSyncs.length } }]);
  });
  return { seeded: true };
}
