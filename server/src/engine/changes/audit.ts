import { createHash } from 'node:crypto';
import type { InStatement, InValue } from '@libsql/client';
import { asc, desc, gt, sql } from 'drizzle-orm';
import { compiledSql } from '../../db/hot-reads.ts';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  orgId?: string | null;
  before?: unknown;
  after?: unknown;
}

export const GENESIS = '0'.repeat(64);

function hashEntry(prevHash: string, e: { at: string; actorId: string | null; action: string; subjectType: string; subjectId: string; orgId: string | null; before: string | null; after: string | null }): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, e.at, e.actorId, e.action, e.subjectType, e.subjectId, e.orgId, e.before, e.after]))
    .digest('hex');
}

export type AuditRow = typeof auditLog.$inferInsert;

/** The chain's last hash (the genesis hash when it is empty): what the next entry chains on. */
export async function readAuditTail(db: DbOrTx): Promise<string> {
  const [last] = await db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return last?.hash ?? GENESIS;
}

/** The rows `entries` become when chained on `prevHash`, each hashing its predecessor. */
export function chainAudit(prevHash: string, at: Date, entries: AuditEntry[]): AuditRow[] {
  const iso = at.toISOString();
  return entries.map((e) => {
    const row = {
      at: iso,
      actorId: e.actorId,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      orgId: e.orgId ?? null,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    };
    const hash = hashEntry(prevHash, row);
    const full = { ...row, prevHash, hash };
    prevHash = hash;
    return full;
  });
}

const auditColumns = ['at', 'actorId', 'action', 'subjectType', 'subjectId', 'orgId', 'before', 'after', 'prevHash', 'hash'] as const;
const insertOne = compiledSql(auditColumns, (v) => sql`insert into ${auditLog} (${sql.join(auditColumns.map((c) => sql.identifier(auditLog[c].name)), sql`, `)}) values (${sql.join(auditColumns.map((c) => sql`${v[c]}`), sql`, `)})`);

/** Chained rows as statements for a write batch: one per entry, its SQL text built once per process. */
export const auditStatements = (rows: AuditRow[]): InStatement[] =>
  rows.map((row) => ({ sql: insertOne.sql, args: insertOne.args(Object.fromEntries(auditColumns.map((c) => [c, row[c] ?? null])) as Record<(typeof auditColumns)[number], InValue>) }));

/**
 * Appends entries inside the caller's write transaction: the entry commits
 * with the change it records or not at all. The predecessor's hash is read
 * under the same write lock, so the chain never forks. (A batched change
 * chains on the tail it read and guards it instead: see write-batch.ts.)
 */
export async function appendAudit(tx: Tx, at: Date, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = chainAudit(await readAuditTail(tx), at, entries);
  // SQLite caps bound parameters; 11 columns × 500 rows stays well under it.
  for (let i = 0; i < rows.length; i += 500) await tx.insert(auditLog).values(rows.slice(i, i + 500));
}

/** Walks the whole chain in pages; `brokenAt` is the first entry whose hash does not follow. */
export async function verifyAuditChain(db: DbOrTx): Promise<{ ok: boolean; entries: number; brokenAt: number | null }> {
  let prevHash = GENESIS;
  let entries = 0;
  let after = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(5000);
    if (page.length === 0) break;
    for (const row of page) {
      if (row.prevHash !== prevHash || hashEntry(prevHash, row) !== row.hash) {
        return { ok: false, entries, brokenAt: row.seq };
      }
      prevHash = row.hash;
      entries++;
    }
    after = page[page.length - 1]!.seq;
  }
  return { ok: true, entries, brokenAt: null };
}
