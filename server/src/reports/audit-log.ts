import type { AuditEntry } from '@seatwise/shared';
import { and, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from '../db/client.ts';
import { auditLog, orgs, pools, users } from '../db/schema.ts';
import { poolNamesOf } from '../engine/queries/pool-label.ts';
import type { CsvColumn } from './csv.ts';
import { orgColumnScope } from '../engine/queries/scope-sql.ts';

export interface AuditFilter {
  action?: string;
  subjectId?: string;
  actorId?: string;
  from?: string;
  to?: string;
  /** Organizations the caller may see (`null`: all). */
  orgs: Set<string> | null;
}

/** An entry of the log as listed: the shared response shape. */
export type AuditRow = AuditEntry;

const actor = alias(users, 'actor');
const subjectUser = alias(users, 'subject_user');
const subjectPool = alias(pools, 'subject_pool');
const subjectOrg = alias(orgs, 'subject_org');
const entryOrg = alias(orgs, 'entry_org');

const poolIdOf = (v: unknown) => (v && typeof v === 'object' && typeof (v as { poolId?: unknown }).poolId === 'string' ? (v as { poolId: string }).poolId : null);

/** One page of the audit log, newest first; the cursor is the last sequence number seen. */
export async function auditPage(db: DbOrTx, filter: AuditFilter, cursor: string | undefined, limit: number) {
  const where = and(
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.subjectId ? eq(auditLog.subjectId, filter.subjectId) : undefined,
    filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
    filter.from ? gte(auditLog.at, new Date(filter.from).toISOString()) : undefined,
    filter.to ? lte(auditLog.at, new Date(filter.to).toISOString()) : undefined,
    cursor && /^\d+$/.test(cursor) ? lt(auditLog.seq, Number(cursor)) : undefined,
    orgColumnScope(auditLog.orgId, filter.orgs),
  );
  const found = await db
    .select({
      entry: auditLog,
      actorEmail: actor.email,
      subjectLabel: sql<string | null>`case ${auditLog.subjectType}
        when 'user' then ${subjectUser.email}
        when 'org' then ${subjectOrg.name}
        when 'pool' then coalesce(nullif(${subjectPool.name}, ''), ${subjectPool.id})
        else null end`,
      orgName: entryOrg.name,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(subjectUser, and(eq(auditLog.subjectType, 'user'), eq(subjectUser.id, auditLog.subjectId)))
    .leftJoin(subjectOrg, and(eq(auditLog.subjectType, 'org'), eq(subjectOrg.id, auditLog.subjectId)))
    .leftJoin(subjectPool, and(eq(auditLog.subjectType, 'pool'), eq(subjectPool.id, auditLog.subjectId)))
    .leftJoin(entryOrg, eq(entryOrg.id, auditLog.orgId))
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(limit + 1);
  const parsed = found.slice(0, limit).map(({ entry, ...names }) => ({ ...entry, ...names, before: entry.before ? JSON.parse(entry.before) : null, after: entry.after ? JSON.parse(entry.after) : null }));
  // License entries name their pool inside before/after: one query for the page's pools.
  const poolNames = await poolNamesOf(db, parsed.map((e) => poolIdOf(e.after) ?? poolIdOf(e.before)));
  const rows: AuditRow[] = parsed.map((e) => {
    const poolId = poolIdOf(e.after) ?? poolIdOf(e.before);
    return { ...e, poolName: poolId ? (poolNames.get(poolId) ?? null) : null };
  });
  return { rows, nextCursor: found.length > limit ? String(rows[rows.length - 1]!.seq) : null };
}

type AuditCsvRow = Omit<AuditRow, 'before' | 'after'> & { before: string; after: string };

export const AUDIT_COLUMNS: CsvColumn<AuditCsvRow>[] = [
  { key: 'seq', header: 'seq' },
  { key: 'at', header: 'at' },
  { key: 'action', header: 'action' },
  { key: 'actorId', header: 'actor_id' },
  { key: 'actorEmail', header: 'actor_email' },
  { key: 'subjectType', header: 'subject_type' },
  { key: 'subjectId', header: 'subject_id' },
  { key: 'subjectLabel', header: 'subject' },
  { key: 'orgId', header: 'org_id' },
  { key: 'orgName', header: 'organization' },
  { key: 'poolName', header: 'pool' },
  { key: 'before', header: 'before' },
  { key: 'after', header: 'after' },
  { key: 'hash', header: 'hash' },
  { key: 'prevHash', header: 'prev_hash' },
];

export const auditCsvRow = (r: AuditRow): AuditCsvRow => ({ ...r, before: r.before === null ? '' : JSON.stringify(r.before), after: r.after === null ? '' : JSON.stringify(r.after) });
