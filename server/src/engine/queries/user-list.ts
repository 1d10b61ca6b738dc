import type { Product, Role, UserStatus } from '@seatwise/shared';
import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { sqlList, userScopeSql } from './scope-sql.ts';

export interface UserFilter {
  orgIds?: Set<string>;
  role?: Role;
  product?: Product;
  status?: UserStatus;
  q?: string;
  cursor?: string;
  limit: number;
}


/** One page of user ids, ordered by email; the cursor is the last email seen. */
export async function listUserIds(db: DbOrTx, filter: UserFilter, scope: Set<string> | null) {
  const where: (SQL | undefined)[] = [userScopeSql(users.id, scope)];
  if (filter.orgIds) where.push(sql`${users.id} in (select user_id from user_orgs where org_id in (${sqlList(filter.orgIds)}))`);
  if (filter.role) where.push(sql`exists (select 1 from user_roles r where r.user_id = ${users.id} and r.role = ${filter.role})`);
  if (filter.product) where.push(sql`exists (select 1 from assignments a where a.user_id = ${users.id} and a.product = ${filter.product})`);
  if (filter.status) where.push(eq(users.status, filter.status));
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(sql`(${users.email} like ${like} escape '\\' or lower(${users.firstName} || ' ' || ${users.lastName}) like ${like} escape '\\')`);
  }
  if (filter.cursor) where.push(gt(users.email, filter.cursor));
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(...where))
    .orderBy(asc(users.email))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  return { ids: page.map((r) => r.id), nextCursor: rows.length > filter.limit ? page[page.length - 1]!.email : null };
}
