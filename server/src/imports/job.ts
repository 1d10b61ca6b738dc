import type { ImportKind, Product } from '@seatwise/shared';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { importRows, jobItems, jobs, orgs, userOrgs, users } from '../db/schema.ts';
import { recordActivity } from '../engine/changes/activity.ts';
import { appendAudit } from '../engine/changes/audit.ts';
import { reevaluateInTx, renewLease, type JobLease } from '../engine/changes/bulk-jobs.ts';
import { loadOrgTree } from '../engine/queries/org-tree.ts';
import { reconcileInTx, type Engine } from '../engine/engine.ts';
import { newId } from '../engine/policy/ids.ts';
import type { EngineCtx } from '../engine/changes/reconcile.ts';
import { upsertUser } from '../engine/changes/users.ts';
import { ApiError } from '../errors.ts';
import type { Caller } from '../http/context.ts';
import type { OrgItem } from './orgs-plan.ts';
import { chunked, type ImportPlan } from './plan.ts';
import { mayChangeHomedIn, type Actor } from '../http/scope.ts';
import type { UserItem } from './users-plan.ts';

/** Import jobs run on the bulk job machinery (`GET /jobs/:id`, leases, resume); their kinds start so. */
export const IMPORT_JOB_PREFIX = 'import_';

interface ImportJobPayload {
  kind: ImportKind;
  mode: 'upsert' | 'sync';
  /** The importing caller's scope root (null: everything), checked again as each row applies. */
  scopeOrgId: string | null;
}

/** Records the job, one item and one stored row per planned change, in one transaction. */
export async function createImportJob(engine: Engine, caller: Caller, plan: ImportPlan): Promise<string> {
  const id = newId('job');
  const { kind, mode } = plan.report;
  const payload: ImportJobPayload = { kind, mode, scopeOrgId: caller.scope === null ? null : caller.homeOrgId };
  await engine.change(caller.userId, async ({ tx, now }) => {
    await tx.insert(jobs).values({ id, kind: `${IMPORT_JOB_PREFIX}${kind}`, status: 'queued', payload, actorId: caller.userId, createdAt: now.toISOString() });
    let seq = 0;
    for (const part of chunked(plan.items, 300)) {
      const rows = part.map((item) => ({ seq: seq++, item }));
      await tx.insert(jobItems).values(rows.map(({ seq, item }) => ({ jobId: id, seq, userId: item.key, status: 'pending' as const })));
      await tx.insert(importRows).values(rows.map(({ seq, item }) => ({ jobId: id, seq, line: item.line, data: item.data })));
    }
    const { rows, created, updated, unchanged, archived } = plan.report;
    await appendAudit(tx, now, [{ actorId: caller.userId, action: 'job.create', subjectType: 'job', subjectId: id, after: { kind: `${IMPORT_JOB_PREFIX}${kind}`, mode, rows, created, updated, unchanged, archived, skippedInvalid: plan.report.invalid.length } }]);
  });
  return id;
}

/**
 * Works an import job off in batches: each batch is one write transaction,
 * each row a savepoint in it, so a failing row is refused with its code and
 * the rest of the batch still commits; items and changes commit together, so
 * a restart resumes at the first pending row. Changes are made with the job
 * as their actor: the audit log names the import as their source (and the
 * job's own `job.create` entry names who started it).
 */
export async function workImportJob(engine: Engine, job: typeof jobs.$inferSelect, { lease, shouldStop }: { lease: JobLease; shouldStop: () => boolean }): Promise<void> {
  const payload = job.payload as ImportJobPayload;
  const batchSize = payload.kind === 'activity' ? 2000 : 100;
  for (;;) {
    if (shouldStop()) return;
    let batch = await engine.db
      .select({ seq: jobItems.seq, key: jobItems.userId, data: importRows.data })
      .from(jobItems)
      .innerJoin(importRows, and(eq(importRows.jobId, jobItems.jobId), eq(importRows.seq, jobItems.seq)))
      .where(and(eq(jobItems.jobId, job.id), eq(jobItems.status, 'pending')))
      .orderBy(asc(jobItems.seq))
      .limit(batchSize);
    if (batch.length === 0) break;
    // The re-evaluation job it may record is picked up by the runner's next poll.
    const outcome = await engine.change(job.id, async (ctx) => {
      // Like every job: only the lease's holder works it, and only rows still pending (a holder
      // that stalled past its lease may find its batch taken over and done by another process).
      if (!(await renewLease(ctx, job.id, lease))) return 'lost' as const;
      const pending = new Set(
        (await ctx.tx.select({ seq: jobItems.seq }).from(jobItems).where(and(eq(jobItems.jobId, job.id), eq(jobItems.status, 'pending'), inArray(jobItems.seq, batch.map((i) => i.seq))))).map((r) => r.seq),
      );
      batch = batch.filter((i) => pending.has(i.seq));
      const done: number[] = [];
      const changedOrgs: string[] = [];
      if (payload.kind === 'activity') {
        await recordActivity(ctx.tx, batch.map((i) => ({ userId: i.key, ...(i.data as { product: Product; at: string }) })), ctx.now);
        done.push(...batch.map((i) => i.seq));
      } else {
        for (const item of batch) {
          try {
            await ctx.tx.transaction(async (sp) => {
              const rowCtx = { ...ctx, tx: sp as unknown as Tx };
              if (payload.kind === 'users') await applyUser(rowCtx, item.data as UserItem, payload);
              else if (await applyOrg(rowCtx, item.data as OrgItem)) changedOrgs.push((item.data as OrgItem).ref);
            });
            done.push(item.seq);
          } catch (error) {
            const code = error instanceof ApiError ? error.code : 'internal';
            if (code === 'internal') console.error('[seatwise] import row failed:', error);
            await ctx.tx.update(jobItems).set({ status: 'refused', code }).where(and(eq(jobItems.jobId, job.id), eq(jobItems.seq, item.seq)));
          }
        }
      }
      for (const part of chunked(done, 900)) await ctx.tx.update(jobItems).set({ status: 'done' }).where(and(eq(jobItems.jobId, job.id), inArray(jobItems.seq, part)));
      // A changed organization (products, or a move) changes what its users need or where their
      // seats come from, as PATCH /orgs does: re-evaluate everyone homed under it, in this transaction.
      if (changedOrgs.length) {
        const tree = await loadOrgTree(ctx.tx);
        const ids = await ctx.tx.select({ id: orgs.id }).from(orgs).where(or(inArray(orgs.externalId, changedOrgs), inArray(orgs.id, changedOrgs)));
        await reevaluateInTx(ctx, { homeOrgIds: ids.flatMap((o) => [...tree.subtree(o.id)]) });
      }
      return 'worked' as const;
    });
    if (outcome === 'lost') return;
  }
  await engine.change(job.actorId, async (ctx) => {
    // Only the holder finishes, once.
    if (!(await renewLease(ctx, job.id, lease))) return;
    await ctx.tx.update(jobs).set({ status: 'done', finishedAt: ctx.now.toISOString(), leaseUntil: null, leaseHolder: null }).where(eq(jobs.id, job.id));
    await appendAudit(ctx.tx, ctx.now, [{ actorId: job.actorId, action: 'job.finish', subjectType: 'job', subjectId: job.id }]);
  });
}

/** A roster row is a host change: never refused for seats (users wait); still never outside the importer's scope. */
async function applyUser(ctx: EngineCtx, item: UserItem, payload: ImportJobPayload): Promise<void> {
  // The importer, as its job recorded it: the same rule as every other write, decided on this transaction's tree.
  const actor: Actor = payload.scopeOrgId === null ? { authority: 'system_admin', homeOrgId: null } : { authority: 'org_admin', homeOrgId: payload.scopeOrgId };
  const scope = payload.scopeOrgId === null ? null : ctx.tree.subtree(payload.scopeOrgId);
  if (item.op === 'archive') {
    const [home] = await ctx.tx.select({ orgId: userOrgs.orgId }).from(userOrgs).where(and(eq(userOrgs.userId, item.userId), eq(userOrgs.position, 0)));
    if (!mayChangeHomedIn(ctx.tree, actor, home?.orgId)) throw new ApiError('not_found', 'user not found');
    await reconcileInTx(ctx, { userId: item.userId, archive: true, mode: 'host', how: 'import' });
    return;
  }
  const { op: _op, ...row } = item;
  const homes = await ctx.tx
    .select({ orgId: userOrgs.orgId })
    .from(users)
    .innerJoin(userOrgs, and(eq(userOrgs.userId, users.id), eq(userOrgs.position, 0)))
    .where(row.externalId ? or(eq(users.email, row.email), eq(users.externalId, row.externalId)) : eq(users.email, row.email));
  if (homes.some((h) => !mayChangeHomedIn(ctx.tree, actor, h.orgId)) || row.orgIds.some((id) => scope && !scope.has(id))) {
    throw new ApiError('not_found', 'user or organization not found in the importer\'s organizations');
  }
  const { stateEducatorId, ...upsert } = row;
  const { userId } = await upsertUser(ctx, { ...upsert, source: 'host' }, 'import');
  if (stateEducatorId !== undefined) await setStateEducatorId(ctx, userId, stateEducatorId, row.orgIds[0]!);
}

/** `upsertUser` knows the fields every client sends; the state educator id comes from imports only. */
async function setStateEducatorId(ctx: EngineCtx, userId: string, stateEducatorId: string, orgId: string): Promise<void> {
  const [before] = await ctx.tx.select({ stateEducatorId: users.stateEducatorId }).from(users).where(eq(users.id, userId));
  if (!before || before.stateEducatorId === stateEducatorId) return;
  await ctx.tx.update(users).set({ stateEducatorId, updatedAt: ctx.now.toISOString() }).where(eq(users.id, userId));
  await appendAudit(ctx.tx, ctx.now, [{ actorId: ctx.actorId, action: 'user.update', subjectType: 'user', subjectId: userId, orgId, before, after: { stateEducatorId } }]);
}

/** Creates or updates one organization; answers whether its activated products changed. */
async function applyOrg(ctx: EngineCtx, item: OrgItem): Promise<boolean> {
  const find = async (ref: string) => (await ctx.tx.select().from(orgs).where(or(eq(orgs.id, ref), eq(orgs.externalId, ref))).orderBy(sql`${orgs.id} = ${ref} desc`).limit(1))[0];
  const parent = item.parent ? await find(item.parent) : null;
  if (item.parent && !parent) throw new ApiError('not_found', `organization ${item.parent} not found`);
  const parentId = parent?.id ?? null;
  const before = await find(item.ref);
  const subject = { actorId: ctx.actorId, subjectType: 'org' };
  if (!before) {
    const org = { id: newId('org'), name: item.name, parentId, externalId: item.ref, products: item.products ?? [] };
    await ctx.tx.insert(orgs).values(org);
    await appendAudit(ctx.tx, ctx.now, [{ ...subject, action: 'org.create', subjectId: org.id, orgId: org.id, after: org }]);
    return false;
  }
  const patch = { name: item.name, parentId, ...(item.products ? { products: item.products } : {}) };
  const after = { ...before, ...patch };
  const productsChanged = !!item.products && item.products.join() !== before.products.join();
  if (after.name === before.name && after.parentId === before.parentId && !productsChanged) return false;
  await ctx.tx.update(orgs).set(patch).where(eq(orgs.id, before.id));
  await appendAudit(ctx.tx, ctx.now, [{ ...subject, action: 'org.update', subjectId: before.id, orgId: before.id, before, after }]);
  return productsChanged;
}
