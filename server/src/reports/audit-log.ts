import type { AuditEntry } from '@seatwise/shared';
import { and, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from '../db/client.ts';
import { auditLog, orgs, pools, users } from '../db/schema.ts';
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

/** The pool an entry names: the one in `after`, else the one in `before` (a release names it only there). */
const poolIdSql = sql<string | null>`coalesce(
  case when json_type(${auditLog.after}, '$.poolId') = 'text' then json_extract(${auditLog.after}, '$.poolId') end,
  case when json_type(${auditLog.before}, '$.poolId') = 'text' then json_extract(${auditLog.before}, '$.poolId') end)`;
const namedPool = alias(pools, 'named_pool');

/** Every field of an audit row, in the order the query sends them; `before` and `after` as their stored JSON text. */
const FIELDS = {
  seq: auditLog.seq,
  at: auditLog.at,
  actorId: auditLog.actorId,
  action: auditLog.action,
  subjectType: auditLog.subjectType,
  subjectId: auditLog.subjectId,
  orgId: auditLog.orgId,
  before: auditLog.before,
  after: auditLog.after,
  prevHash: auditLog.prevHash,
  hash: auditLog.hash,
  actorEmail: actor.email,
  subjectLabel: sql`case ${auditLog.subjectType}
    when 'user' then ${subjectUser.email}
    when 'org' then ${subjectOrg.name}
    when 'pool' then coalesce(nullif(${subjectPool.name}, ''), ${subjectPool.id})
    else null end`,
  orgName: entryOrg.name,
  poolName: sql`coalesce(nullif(${namedPool.name}, ''), ${namedPool.id})`,
} as const;
const KEYS = Object.keys(FIELDS) as (keyof typeof FIELDS)[];

/**
 * One page of the audit log, newest first; the cursor is the last sequence
 * number seen. Names come with the entry (who did it, to whom, where, which
 * pool its license change was about), and the whole page is one JSON cell:
 * one statement a page, and no cell-by-cell work in the driver.
 */
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
  const page = db
    .select({ row: sql<string>`json_array(${sql.join(Object.values(FIELDS), sql`, `)})`.as('row'), seq: auditLog.seq })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(subjectUser, and(eq(auditLog.subjectType, 'user'), eq(subjectUser.id, auditLog.subjectId)))
    .leftJoin(subjectOrg, and(eq(auditLog.subjectType, 'org'), eq(subjectOrg.id, auditLog.subjectId)))
    .leftJoin(subjectPool, and(eq(auditLog.subjectType, 'pool'), eq(subjectPool.id, auditLog.subjectId)))
    .leftJoin(entryOrg, eq(entryOrg.id, auditLog.orgId))
    .leftJoin(namedPool, eq(namedPool.id, poolIdSql))
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(limit + 1)
    .as('page');
  const [found] = await db.select({ rows: sql<string>`'[' || coalesce(group_concat(${page.row}, ',' order by ${page.seq} desc), '') || ']'` }).from(page);
  const cells = JSON.parse(found?.rows ?? '[]') as unknown[][];
  const rows = cells.slice(0, limit).map((values) => {
    const row = {} as Record<string, unknown>;
    for (let i = 0; i < KEYS.length; i++) row[KEYS[i]!] = values[i];
    row.before = row.before ? JSON.parse(row.before as string) : null;
    row.after = row.after ? JSON.parse(row.after as string) : null;
    return row as unknown as AuditRow;
  });
  return { rows, nextCursor: cells.length > limit ? String(rows[rows.length - 1]!.seq) : null };
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
