import type { HistoryRow } from '@seatwise/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from '../db/client.ts';
import { auditLog, users } from '../db/schema.ts';
import { poolNamesOf } from '../engine/queries/pool-label.ts';
import type { CsvColumn } from './csv.ts';
import { decodeCursor, pageOf } from './paging.ts';

const actor = alias(users, 'actor');

const parse = (json: string | null): Record<string, unknown> => {
  if (!json) return {};
  const v = JSON.parse(json);
  return v && typeof v === 'object' ? v : {};
};
const str = (v: unknown) => (v === undefined || v === null ? null : String(v));

/** A readable line for the entries whose facts are not product/pool/role. */
function detail(action: string, before: Record<string, unknown>, after: Record<string, unknown>): string | null {
  if (action === 'license.refused') return str(after.message);
  if (action === 'user.transfer') return `organizations ${JSON.stringify(before.orgIds ?? [])} → ${JSON.stringify(after.orgIds ?? [])}`;
  if (action === 'user.archive') return 'archived';
  if (action === 'role.grant' || action === 'role.revoke') return str(after.source) ? `from ${after.source}` : null;
  return null;
}

/** One user's license and role history from the audit log, newest first. */
export async function historyPage(db: DbOrTx, userId: string, cursor: string | undefined, limit: number) {
  const key = decodeCursor(cursor, ['number']);
  const rows = await db
    .select({ seq: auditLog.seq, at: auditLog.at, action: auditLog.action, before: auditLog.before, after: auditLog.after, actorId: auditLog.actorId, actorEmail: actor.email })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .where(and(eq(auditLog.subjectId, userId), eq(auditLog.subjectType, 'user'), key ? sql`${auditLog.seq} < ${key[0]}` : undefined))
    .orderBy(desc(auditLog.seq))
    .limit(limit + 1);
  const page = pageOf(rows, limit, (r) => [r.seq]);
  const facts = page.rows.map((r) => ({ before: parse(r.before), after: parse(r.after) }));
  const poolNames = await poolNamesOf(db, facts.map(({ before, after }) => str(after.poolId ?? before.poolId)));
  return {
    nextCursor: page.nextCursor,
    rows: page.rows.map((r, i): HistoryRow => {
      const { before, after } = facts[i]!;
      const fact = (k: string) => str(after[k] ?? before[k]);
      return {
        seq: r.seq,
        at: r.at,
        action: r.action,
        product: fact('product'),
        poolId: fact('poolId'),
        poolName: poolNames.get(fact('poolId') ?? '') ?? null,
        state: str(after.state),
        how: str(after.how),
        role: fact('role'),
        detail: detail(r.action, before, after),
        actorId: r.actorId,
        actorEmail: r.actorEmail,
      };
    }),
  };
}

export const HISTORY_COLUMNS: CsvColumn<HistoryRow>[] = [
  { key: 'at', header: 'At' },
  { key: 'action', header: 'Action' },
  { key: 'product', header: 'Product' },
  { key: 'poolName', header: 'Pool' },
  { key: 'poolId', header: 'Pool id' },
  { key: 'state', header: 'State' },
  { key: 'how', header: 'How' },
  { key: 'role', header: 'Role' },
  { key: 'detail', header: 'Detail' },
  { key: 'actorEmail', header: 'By' },
  { key: 'seq', header: 'Audit entry' },
];
