import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * Since when a license has gone unused: the later of its holder's last
 * activity and the license's own start. A license granted minutes ago is not
 * "never active" — it has not had its chance yet — so nobody is told to
 * release it, or counted inactive, until a whole window has passed since it
 * began. ISO strings compare as times; '' (never seen) sorts first.
 */
export const idleSince = (lastActiveAt: SQLWrapper | SQL, licensedSince: SQLWrapper | SQL) => sql<string>`max(coalesce(${lastActiveAt}, ''), ${licensedSince})`;

/** The same rule for values already read. */
export const idleSinceOf = (lastActiveAt: string | null, licensedSince: string) => (lastActiveAt && lastActiveAt > licensedSince ? lastActiveAt : licensedSince);
