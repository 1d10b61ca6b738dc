import { and, desc, eq, gte, lt, lte } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';
import type { CsvColumn } from './csv.ts';
import { orgColumnScope } from '../engine/scope-sql.ts';

export interface AuditFilter {
  action?: string;
  subjectId?: string;
  actorId?: string;
  from?: string;
  to?: string;
  /** Organizations the caller may see (`null`: all). */
  orgs: Set<string> | null;
}

export interface AuditRow {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  orgId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

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
  const found = await db.select().from(auditLog).where(where).orderBy(desc(auditLog.seq)).limit(limit + 1);
  const rows: AuditRow[] = found.slice(0, limit).map((e) => ({ ...e, before: e.before ? JSON.parse(e.before) : null, after: e.after ? JSON.parse(e.after) : null }));
  return { rows, nextCursor: found.length > limit ? String(rows[rows.length - 1]!.seq) : null };
}

type AuditCsvRow = Omit<AuditRow, 'before' | 'after'> & { before: string; after: string };

export const AUDIT_COLUMNS: CsvColumn<AuditCsvRow>[] = [
  { key: 'seq', header: 'seq' },
  { key: 'at', header: 'at' },
  { key: 'action', header: 'action' },
  { key: 'actorId', header: 'actor_id' },
  { key: 'subjectType', header: 'subject_type' },
  { key: 'subjectId', header: 'subject_id' },
  { key: 'orgId', header: 'org_id' },
  { key: 'before', header: 'before' },
  { key: 'after', header: 'after' },
  { key: 'hash', header: 'hash' },
  { key: 'prevHash', header: 'prev_hash' },
];

export const auditCsvRow = (r: AuditRow): AuditCsvRow => ({ ...r, before: r.before === null ? '' : JSON.stringify(r.before), after: r.after === null ? '' : JSON.stringify(r.after) });
