import { sql, type SQL } from 'drizzle-orm';

/**
 * `column IN (users of these organizations)`, or nothing for an unscoped
 * caller: the one way reads are narrowed to a caller's subtree.
 */
export function userScopeSql(userIdColumn: SQL | { name: string } | unknown, scope: Set<string> | null): SQL | undefined {
  if (scope === null) return undefined;
  if (scope.size === 0) return sql`0`;
  const ids = sql.join([...scope].map((id) => sql`${id}`), sql`, `);
  return sql`${userIdColumn} in (select user_id from user_orgs where org_id in (${ids}))`;
}
