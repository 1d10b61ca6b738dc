import type { ClaimRow, Product, Sku } from '@seatwise/shared';
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { QueryBuilder, alias } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from '../db/client.ts';
import { hotRead } from '../db/hot-reads.ts';
import { claims, orgs, users } from '../db/schema.ts';
import type { CsvColumn } from './csv.ts';
import { orgColumnScope } from '../engine/queries/scope-sql.ts';
import { decodeCursor, pageOf } from './paging.ts';

export interface ClaimsFilter {
  from?: string;
  to?: string;
  product?: Product;
  sku?: Sku;
  userId?: string;
  how?: string;
  /** Home organizations covered (the caller's scope, maybe narrowed); null = all. */
  orgs: Set<string> | null;
}

const actor = alias(users, 'actor');
/** Builds SQL without a database: the claims page query is compiled once per filter, run per page. */
const qb = new QueryBuilder();

/**
 * Claims are scoped by the home organization recorded with the claim, so a
 * user who later moved districts does not carry their old district's
 * history into the new one's reports.
 */
function where(f: ClaimsFilter): SQL | undefined {
  return and(
    f.from ? gte(claims.at, new Date(f.from).toISOString()) : undefined,
    f.to ? lte(claims.at, new Date(f.to).toISOString()) : undefined,
    f.product ? eq(claims.product, f.product) : undefined,
    f.sku ? eq(claims.sku, f.sku) : undefined,
    f.userId ? eq(claims.userId, f.userId) : undefined,
    f.how ? eq(claims.how, f.how) : undefined,
    orgColumnScope(claims.orgId, f.orgs),
  );
}

/**
 * How many claims match, and how many seats they took: a Combined seat is
 * claimed once per product it covers (two rows, same user, pool and moment),
 * so "claims" and "seats" differ exactly by the Combined seats.
 */
export async function countClaims(db: DbOrTx, f: ClaimsFilter): Promise<{ total: number; seats: number }> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`, seats: sql<number>`count(distinct ${claims.userId} || '|' || ${claims.poolId} || '|' || ${claims.at})` })
    .from(claims)
    .where(where(f));
  return { total: Number(row?.n ?? 0), seats: Number(row?.seats ?? 0) };
}

/** Every field of a claim row, in the order the query sends them. */
const FIELDS = {
  id: claims.id,
  at: claims.at,
  userId: claims.userId,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  orgId: claims.orgId,
  orgName: orgs.name,
  product: claims.product,
  sku: claims.sku,
  poolId: claims.poolId,
  how: claims.how,
  actorId: claims.actorId,
  actorEmail: actor.email,
} as const;
const KEYS = Object.keys(FIELDS) as (keyof typeof FIELDS)[];
/** A row's cells as the query sends them, in FIELDS' order. */
type ClaimCells = [number, string, string, string | null, string | null, string | null, string, string | null, Product, Sku, string, string, string | null, string | null];

/**
 * Newest first; the keyset (at, id) rides the `claims_at` index, whose
 * entries carry the rowid. The whole page comes back as one JSON cell (an
 * array of row arrays): building cells in the driver is most of its cost,
 * and CSV export reads 100,000 rows. The page is put in order here, not by
 * the aggregate (a sort in SQLite's temp B-tree took a third of the query;
 * the rows arrive in order already, which JavaScript's sort checks in one pass).
 * The SQL is built once for the pages of one filter (an export walks a hundred).
 */
export function claimsPages(f: ClaimsFilter, limit: number) {
  const build = (key: { at: unknown; id: unknown } | null) => {
    const page = qb
      .select({ row: sql<string>`json_array(${sql.join(Object.values(FIELDS), sql`, `)})`.as('row') })
      .from(claims)
      .leftJoin(users, eq(users.id, claims.userId))
      .leftJoin(orgs, eq(orgs.id, claims.orgId))
      .leftJoin(actor, eq(actor.id, claims.actorId))
      .where(and(where(f), key ? sql`(${claims.at}, ${claims.id}) < (${key.at}, ${key.id})` : undefined))
      .orderBy(desc(claims.at), desc(claims.id))
      .limit(limit + 1)
      .as('page');
    return sql`select '[' || coalesce(group_concat(${page.row}, ','), '') || ']' from ${page}`;
  };
  // Each built on first use: a JSON page needs one of the two.
  let first: ReturnType<typeof hotRead<never>> | undefined;
  let next: ReturnType<typeof hotRead<'at' | 'id'>> | undefined;
  return async (db: DbOrTx, cursor: string | undefined) => {
    const key = decodeCursor(cursor, ['string', 'number']);
    const read = key ? (next ??= hotRead(['at', 'id'], build))(db, { at: key[0]!, id: key[1]! }) : (first ??= hotRead([], () => build(null)))(db, {});
    const [cell] = (await read) ?? [];
    const rows = (JSON.parse((cell as string | undefined) ?? '[]') as ClaimCells[]).sort(newestFirst).map(
      // One object literal per row: the same shape every time, several times faster than setting keys in a loop.
      ([id, at, userId, email, firstName, lastName, orgId, orgName, product, sku, poolId, how, actorId, actorEmail]): ClaimRow => ({ id, at, userId, email, firstName, lastName, orgId, orgName, product, sku, poolId, how, actorId, actorEmail }),
    );
    return pageOf<ClaimRow>(rows, limit, (r) => [r.at, r.id]);
  };
}

/** One page of claims (the JSON report). */
export const claimsPage = (db: DbOrTx, f: ClaimsFilter, cursor: string | undefined, limit: number) => claimsPages(f, limit)(db, cursor);

const AT = KEYS.indexOf('at');
const ID = KEYS.indexOf('id');
const newestFirst = (a: unknown[], b: unknown[]) => (a[AT]! < b[AT]! ? 1 : a[AT]! > b[AT]! ? -1 : (b[ID] as number) - (a[ID] as number));

export const CLAIM_COLUMNS: CsvColumn<ClaimRow>[] = [
  { key: 'at', header: 'Claimed at' },
  { key: 'email', header: 'Email' },
  { key: 'firstName', header: 'First name' },
  { key: 'lastName', header: 'Last name' },
  { key: 'userId', header: 'User id' },
  { key: 'orgId', header: 'Organization id' },
  { key: 'orgName', header: 'Organization' },
  { key: 'product', header: 'Product' },
  { key: 'sku', header: 'SKU' },
  { key: 'poolId', header: 'Pool' },
  { key: 'how', header: 'How' },
  { key: 'actorEmail', header: 'By' },
];
