import type { Role, UserUpsert } from '@seatwise/shared';
import { eq } from 'drizzle-orm';
import { userOrgs, users } from '../../db/schema.ts';
import { ApiError } from '../../errors.ts';
import { appendAudit } from './audit.ts';
import { reconcileInTx } from '../engine.ts';
import { newId } from '../policy/ids.ts';
import type { EngineCtx } from './reconcile.ts';

export interface UpsertInput extends Omit<UserUpsert, 'source'> {
  source: 'seatwise' | 'host';
  roles?: Role[];
}

/** What a scoped caller's upsert is checked against (routes/helpers.ts `upsertAs`); throws to refuse. */
export interface UpsertGuard {
  /** Asked of every existing user the upsert matches, before anything is decided about it. */
  user(userId: string, matchedBy: 'email' | 'externalId'): Promise<void>;
  /** The organizations the user ends in, given the user found (null: a new user); asked first. */
  orgIds(existingUserId: string | null): Promise<string[]>;
}

/**
 * Creates or updates a user matched by email or external id; roles given are
 * the whole new set and licenses follow. Runs inside the caller's write
 * transaction so a refused seat rolls the whole upsert back. `guard` sees
 * each user found, by either key, before the two are compared, and decides
 * the organizations once it is known whom the upsert is about.
 */
export async function upsertUser(
  ctx: EngineCtx,
  input: UpsertInput,
  how: 'role_grant' | 'host_sync' | 'import' = input.source === 'host' ? 'host_sync' : 'role_grant',
  guard?: UpsertGuard,
) {
  const { tx, now } = ctx;
  const iso = now.toISOString();
  const [byEmail] = await tx.select().from(users).where(eq(users.email, input.email));
  const [byExternal] = input.externalId ? await tx.select().from(users).where(eq(users.externalId, input.externalId)) : [];
  const existing = byEmail ?? byExternal;
  // Organizations first: a refusal about them must not depend on whether the email is someone's.
  const orgIds = guard ? await guard.orgIds(existing?.id ?? null) : input.orgIds;
  if (byEmail) await guard?.user(byEmail.id, 'email');
  if (byExternal && byExternal.id !== byEmail?.id) await guard?.user(byExternal.id, 'externalId');
  if (byEmail && byExternal && byEmail.id !== byExternal.id) {
    throw new ApiError('conflict', `email ${input.email} belongs to another user than external id ${input.externalId}`, { field: 'email' });
  }
  const subject = { actorId: ctx.actorId, subjectType: 'user', orgId: orgIds[0] ?? null };

  let userId: string;
  let created = false;
  if (existing) {
    userId = existing.id;
    const next = {
      email: input.email,
      firstName: input.firstName,
      lastName: input.lastName,
      externalId: input.externalId === undefined ? existing.externalId : input.externalId,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== existing[k]);
    if (changed.length) {
      await tx.update(users).set({ ...next, updatedAt: iso }).where(eq(users.id, userId));
      await appendAudit(tx, now, [
        { ...subject, subjectId: userId, action: 'user.update', before: pick(existing, changed), after: pick(next, changed) },
      ]);
    }
  } else {
    userId = newId('usr');
    created = true;
    await tx.insert(users).values({
      id: userId,
      email: input.email,
      firstName: input.firstName,
      lastName: input.lastName,
      externalId: input.externalId ?? null,
      status: 'active',
      updatedAt: iso,
    });
    await tx.insert(userOrgs).values(orgIds.map((orgId, position) => ({ userId, orgId, position })));
    await appendAudit(tx, now, [
      { ...subject, subjectId: userId, action: 'user.create', after: { email: input.email, firstName: input.firstName, lastName: input.lastName, externalId: input.externalId ?? null, orgIds } },
    ]);
  }
  const changes = await reconcileInTx(ctx, { userId, roles: input.roles, orgIds, mode: input.source, how });
  return { userId, created, changes };
}

function pick<T extends object>(o: T, keys: (keyof T)[]) {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}
