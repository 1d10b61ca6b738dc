import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { hotRead } from '../../db/hot-reads.ts';
import { changeVersions } from '../../db/schema.ts';

export type ChangeVersions = Pick<typeof changeVersions.$inferSelect, 'callers' | 'seats' | 'views'>;

/** The one statement every request sends before it trusts what its process kept. */
const versionsRow = hotRead([], () => sql`select ${changeVersions.callers}, ${changeVersions.seats}, ${changeVersions.views} from ${changeVersions} where ${changeVersions.id} = 1`);

/**
 * The change counters as of now. Read it *before* what it guards: data read
 * after it can only be as new or newer, so a cache entry is never labelled
 * with a version newer than its data.
 */
export async function readChangeVersions(db: DbOrTx): Promise<ChangeVersions> {
  const row = await versionsRow(db, {});
  if (!row) throw new Error('change_versions has no row: the database was not migrated');
  return { callers: Number(row[0]), seats: Number(row[1]), views: Number(row[2]) };
}

/**
 * What one process keeps between requests, valid while the change version it
 * was read at is current: a new version empties it, so a change committed by
 * any process is seen by the next request here. Loads are shared while in
 * flight; a load that finishes after the version moved on is not kept.
 * A `null` answer (an unknown token) is never kept, so guesses cannot fill it.
 */
export class VersionedCache<V> {
  private version = -1;
  private readonly entries = new Map<string, Promise<V | null>>();

  constructor(private readonly maxEntries = 10_000) {}

  /** `fresh` may refuse a kept value for a reason the version does not cover (the time it was computed for). */
  get(version: number, key: string, load: () => Promise<V | null>, fresh: (value: V) => boolean = () => true): Promise<V | null> {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const kept = this.entries.get(key);
    if (kept) return kept.then((value) => (value !== null && fresh(value) ? value : this.load(version, key, load)));
    return this.load(version, key, load);
  }

  private load(version: number, key: string, load: () => Promise<V | null>): Promise<V | null> {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const loading = load();
    this.entries.set(key, loading);
    const forget = () => {
      if (this.entries.get(key) === loading) this.entries.delete(key);
    };
    loading.then((value) => (value === null || this.version !== version ? forget() : undefined), forget);
    return loading;
  }
}
