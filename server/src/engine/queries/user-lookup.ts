import type { LookupResult, LookupUser, User, lookupResponseSchema } from '@seatwise/shared';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import { joinJsonPieces, type JsonBytes } from '../../http/json-bytes.ts';
import type { ChangeVersions } from './change-versions.ts';
import { viewsByKeys, type TimedView } from './user-views.ts';

/**
 * A user's lookup answer as the JSON text sent after its key
 * (`"user":{id,…,status},"licenses":[…],"roles":[…],"lastActiveAt":…}`), with the
 * organizations the visibility rule is asked about on every request, and the
 * span of time its license states hold for.
 */
interface Entry {
  orgIds: string[];
  json: string;
  computedAt: number;
  holdsUntil: number;
}

/** What a key no user has (or one the caller may not see) is answered with. */
const NOBODY = '"user":null,"licenses":[],"roles":[],"lastActiveAt":null}';

/**
 * What a kept entry costs besides its JSON (the entry, its organizations,
 * the string's headers), and each key besides its characters (a map slot,
 * the string): measured, with a 100,000-user district all kept.
 */
const ENTRY_BYTES = 200;
const KEY_BYTES = 60;

/**
 * The most a process keeps, counted as above: a district of 100,000 users
 * (about 380 characters of JSON each, found by email and external id) counts
 * 73 MB and measures 75 MB of heap. Past the bound the cache starts afresh
 * rather than grow.
 */
export const LOOKUP_CACHE_MAX_BYTES = 100_000_000;

/**
 * Lookup answers per user, kept per process and database while the change
 * versions they were read at all stand: `callers` (status, email, deletions,
 * memberships), `seats` (licenses, pools, activity, memberships) and `views`
 * (new users, names, external ids, roles) together cover every column a
 * view shows, bumped by triggers in whichever process writes, so the next
 * lookup anywhere reads afresh. A license state also changes with the clock
 * alone, so an entry holds only until its pools' next turn. Known absences
 * are kept too (a new user bumps `views`). Who may see an entry is not kept:
 * the caller's rule is asked per request.
 */
export class LookupCache {
  private versions: ChangeVersions | null = null;
  readonly byEmail = new Map<string, Entry | null>();
  readonly byExternalId = new Map<string, Entry | null>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /**
   * Whether a request that read `versions` may use and fill the cache: yes
   * for the versions it holds, or newer ones (it starts afresh); no for a
   * request that read older ones (a slow request must not throw away what
   * newer ones kept, nor label old reads as new).
   */
  usableAt(versions: ChangeVersions): boolean {
    const held = this.versions;
    if (held && sameVersions(versions, held)) return true;
    if (held && (versions.callers < held.callers || versions.seats < held.seats || versions.views < held.views)) return false;
    this.clear();
    this.versions = versions;
    return true;
  }

  /**
   * Keeps what a read at `versions` found, unless a newer request has moved
   * the cache on meanwhile. The count only grows: an entry replaced (its
   * pools turned) stays counted until the cache starts afresh.
   */
  keep(versions: ChangeVersions, found: Map<string, Entry | null>, foundByExternalId: Map<string, Entry | null>): void {
    if (!this.versions || !sameVersions(this.versions, versions)) return;
    const entries = new Set<Entry>();
    for (const [map, into] of [
      [found, this.byEmail],
      [foundByExternalId, this.byExternalId],
    ] as const) {
      for (const [key, entry] of map) {
        into.set(key, entry);
        this.bytes += key.length + KEY_BYTES;
        if (entry) entries.add(entry);
      }
    }
    for (const entry of entries) this.bytes += entry.json.length + ENTRY_BYTES;
    if (this.bytes > this.maxBytes) this.clear();
  }

  private clear() {
    this.byEmail.clear();
    this.byExternalId.clear();
    this.bytes = 0;
  }
}

const sameVersions = (a: ChangeVersions, b: ChangeVersions) => a.callers === b.callers && a.seats === b.seats && a.views === b.views;

const kept = new WeakMap<DbOrTx, LookupCache>();

function entryOf({ user, holdsUntil }: TimedView, now: Date): Entry {
  // The identity is written field by field (not the view less three keys): a field added to the user view
  // stays out of every lookup answer until the lookup's schema names it.
  const { id, email, firstName, lastName, externalId, orgIds, status, licenses, roles, lastActiveAt } = user;
  const identity: LookupUser = { id, email, firstName, lastName, externalId, orgIds, status };
  const answer = { user: identity, licenses, roles, lastActiveAt } satisfies Omit<LookupResult, 'key'>;
  return { orgIds, json: JSON.stringify(answer).slice(1), computedAt: now.getTime(), holdsUntil };
}

/**
 * One entry per key asked, in order; `user` null for unknown keys or users
 * `visible` (the scope rule, asked per request) hides. Kept entries answer
 * without a statement; the keys without a current one are read in one.
 * `versions`: the change versions this request read before anything else.
 */
export async function lookupUsers(
  db: DbOrTx,
  versions: ChangeVersions,
  keys: { emails: string[]; externalIds: string[] },
  now: Date,
  visible: (user: Pick<User, 'orgIds'>) => boolean,
): Promise<JsonBytes<z.infer<typeof lookupResponseSchema>>> {
  const cache = kept.get(db) ?? kept.set(db, new LookupCache(LOOKUP_CACHE_MAX_BYTES)).get(db)!;
  const usable = cache.usableAt(versions);
  const at = now.getTime();
  const current = (entry: Entry | null | undefined): entry is Entry | null => entry === null || (entry !== undefined && entry.computedAt <= at && at < entry.holdsUntil);

  const emails = keys.emails.map((e) => e.trim().toLowerCase());
  const byEmail = new Map<string, Entry | null>();
  const byExternalId = new Map<string, Entry | null>();
  const missing = (asked: string[], from: Map<string, Entry | null>, into: Map<string, Entry | null>) =>
    [...new Set(asked)].filter((key) => {
      const entry = usable ? from.get(key) : undefined;
      if (!current(entry)) return true;
      into.set(key, entry);
      return false;
    });
  const emailsToRead = missing(emails, cache.byEmail, byEmail);
  const externalIdsToRead = missing(keys.externalIds, cache.byExternalId, byExternalId);

  if (emailsToRead.length || externalIdsToRead.length) {
    const read = await viewsByKeys(db, emailsToRead, externalIdsToRead, now);
    const foundByEmail = new Map<string, Entry | null>(emailsToRead.map((e) => [e, null]));
    const foundByExternalId = new Map<string, Entry | null>(externalIdsToRead.map((x) => [x, null]));
    for (const view of read) {
      const entry = entryOf(view, now);
      foundByEmail.set(view.user.email, entry);
      if (view.user.externalId) foundByExternalId.set(view.user.externalId, entry);
    }
    for (const [key, entry] of foundByEmail) byEmail.set(key, entry);
    for (const [key, entry] of foundByExternalId) byExternalId.set(key, entry);
    if (usable) cache.keep(versions, foundByEmail, foundByExternalId);
  }

  // Each result is its key then its user's kept text: joined, never stringified whole.
  const pieces = ['{"results":['];
  const answer = (key: string, entry: Entry | null | undefined) => {
    pieces.push(`${pieces.length > 1 ? ',' : ''}{"key":${JSON.stringify(key)},`, entry && visible(entry) ? entry.json : NOBODY);
  };
  keys.emails.forEach((key, i) => answer(key, byEmail.get(emails[i]!)));
  keys.externalIds.forEach((key) => answer(key, byExternalId.get(key)));
  pieces.push(']}');
  return joinJsonPieces(pieces);
}
