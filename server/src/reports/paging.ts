import { ApiError } from '../errors.ts';
import type { Caller } from '../http/context.ts';
import { resolveOrgRef } from '../http/org-refs.ts';
import { requireOrgsInScope } from '../http/scope.ts';

/** Opaque keyset cursors: the sort key of the last row sent, so pages never skip or repeat under inserts. */
export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, shape: ('string' | 'number')[]): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === shape.length && key.every((k, i) => typeof k === shape[i])) return key;
  } catch {
    /* fall through to the 400 below */
  }
  throw new ApiError('invalid_request', 'query cursor: not a cursor this report handed out', { issues: [{ path: ['cursor'], message: 'invalid cursor' }] });
}

/** The organizations a report may cover: the caller's scope, narrowed to `orgId`'s subtree when asked (404 outside scope). */
export function reportOrgs(caller: Caller, orgId: string | undefined): Set<string> | null {
  if (!orgId) return caller.scope;
  const id = resolveOrgRef(caller, orgId, 'orgId');
  requireOrgsInScope(caller, [id], 'orgId');
  return caller.tree.subtree(id);
}

/** Walks a keyset-paginated query to the end, a page at a time: what CSV export streams from. */
export async function* allPages<T>(page: (cursor: string | undefined) => Promise<{ rows: T[]; nextCursor: string | null }>): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    yield p.rows;
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
}

/** Rows plus the cursor of the next page, from a query that fetched `limit + 1` rows. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]) {
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? encodeCursor(keyOf(page[page.length - 1]!)) : null };
}
