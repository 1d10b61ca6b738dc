import type { ImportKind } from '@seatwise/shared';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client.ts';
import { importMappings } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import type { Caller } from '../http/context.ts';
import { resolveOrgRef } from '../http/org-refs.ts';
import { requireOrgsInScope } from '../http/scope.ts';
import { importFields } from './columns.ts';

/**
 * The district (root organization) a mapping belongs to: that of `orgRef`,
 * else the caller's own; null for a caller with no organization who named none.
 */
export function districtOf(caller: Caller, orgRef: string | undefined): string | null {
  const orgId = orgRef ? resolveOrgRef(caller, orgRef, 'orgId') : caller.homeOrgId;
  if (!orgId) return null;
  if (orgRef) requireOrgsInScope(caller, [orgId], 'orgId');
  return caller.tree.ancestors(orgId).at(-1) ?? null;
}

export async function loadMapping(db: DbOrTx, districtId: string | null, kind: ImportKind): Promise<Record<string, string>> {
  if (!districtId) return {};
  const [row] = await db.select({ columns: importMappings.columns }).from(importMappings).where(and(eq(importMappings.districtId, districtId), eq(importMappings.kind, kind)));
  return row?.columns ?? {};
}

/** Replaces the district's mapping for a kind; every target must be one of the kind's fields. */
export async function saveMapping(tx: Tx, districtId: string, kind: ImportKind, columns: Record<string, string>, now: Date): Promise<void> {
  const fields = importFields(kind);
  const wrong = Object.entries(columns).filter(([, field]) => !fields.includes(field));
  if (wrong.length) {
    throw new ApiError('invalid_request', `columns ${wrong.map(([h]) => h).join(', ')}: map to one of ${fields.join(', ')}`, {
      issues: wrong.map(([h, f]) => ({ path: ['columns', h], message: `unknown field ${f}` })),
    });
  }
  await tx
    .insert(importMappings)
    .values({ districtId, kind, columns, updatedAt: now.toISOString() })
    .onConflictDoUpdate({ target: [importMappings.districtId, importMappings.kind], set: { columns, updatedAt: now.toISOString() } });
}
