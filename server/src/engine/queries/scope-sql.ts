import { sql, type SQL } from 'drizzle-orm';

/** `a, b, c` as bound parameters, for an `IN (…)` list. */
export const sqlList = (ids: Iterable<string>) => sql.join([...ids].map((id) => sql`${id}`), sql`, `);

/**
 * `column IN (organizations)`, or nothing for an unscoped caller (`null`):
 * the one way rows keyed by an organization are narrowed to a scope.
 */
export function orgColumnScope(column: SQL | unknown, orgs: Set<string> | null): SQL | undefined {
  if (orgs === null) return undefined;
  if (orgs.size === 0) return sql`0`;
  return sql`${column} in (${sqlList(orgs)})`;
}

/** `column IN (users of these organizations)`, or nothing for an unscoped caller: the same for rows keyed by a user. */
export function userScopeSql(userIdColumn: SQL | unknown, scope: Set<string> | null): SQL | undefined {
  if (scope === null) return undefined;
  if (scope.size === 0) return sql`0`;
  return sql`${userIdColumn} in (select user_id from user_orgs where org_id in (${sqlList(scope)}))`;
}
