import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { Tx } from '../db/client.ts';
import { idempotencyKeys } from '../db/schema.ts';
import { withWriteTx } from '../db/write-tx.ts';
import { ApiError } from '../errors.ts';
import type { AppEnv } from './context.ts';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEY = /^[A-Za-z0-9_.:-]{8,200}$/;
/** A repeat within this time gets the first answer; older keys are forgotten. */
const KEEP_MS = 24 * 60 * 60 * 1000;
/** A first request still "running" after this died with its process: the key may be used again. */
const STALE_RUNNING_MS = 5 * 60 * 1000;

/**
 * `Idempotency-Key` on writes (POST, PUT, PATCH, DELETE): the first request
 * with a key runs and its answer is kept, per API token; a repeat with the
 * same key and the same request gets that answer again (marked
 * `Idempotent-Replayed: true`) and changes nothing. The same key on another
 * request is refused (the client mixed up its keys), as is a repeat while the
 * first is still running. A server error keeps nothing, so the repeat runs.
 * Writes without the header behave as before.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header(IDEMPOTENCY_HEADER);
  if (key === undefined || c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
  if (!KEY.test(key)) throw new ApiError('invalid_request', `${IDEMPOTENCY_HEADER} must be 8 to 200 letters, digits or _.:- (a UUID is fine)`);
  const { db } = c.var.services.database;
  // Through the write queue like every change: a job the route just started (the runner poked) holds the
  // lock, and a bare write beside it fails SQLITE_BUSY, leaving the key "still running" for every retry.
  const write = <T>(work: (tx: Tx) => PromiseLike<T>) => withWriteTx(db, async (tx) => work(tx));
  const { tokenId } = c.var.caller;
  const body = await c.req.raw.clone().text();
  const fingerprint = createHash('sha256').update(`${c.req.method} ${c.req.path}\n${body}`).digest('hex');
  const now = Date.now();
  await write((tx) => tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now - KEEP_MS).toISOString())));

  const mine = and(eq(idempotencyKeys.tokenId, tokenId), eq(idempotencyKeys.key, key));
  const claimed = await write((tx) => tx.insert(idempotencyKeys).values({ tokenId, key, fingerprint, createdAt: new Date(now).toISOString() }).onConflictDoNothing().returning());
  if (!claimed.length) {
    const [first] = await db.select().from(idempotencyKeys).where(mine);
    if (!first) throw new ApiError('conflict', `a request with this ${IDEMPOTENCY_HEADER} was just forgotten; send it again`);
    if (first.fingerprint !== fingerprint) throw new ApiError('invalid_request', `this ${IDEMPOTENCY_HEADER} was already used for a different request; use a new key for each change`);
    if (first.status === null) {
      if (now - Date.parse(first.createdAt) < STALE_RUNNING_MS) throw new ApiError('conflict', `the request with this ${IDEMPOTENCY_HEADER} is still running; ask again shortly`);
      await write((tx) => tx.update(idempotencyKeys).set({ createdAt: new Date(now).toISOString() }).where(mine));
    } else {
      return new Response(first.body, { status: first.status, headers: { 'content-type': first.contentType ?? 'application/json', 'Idempotent-Replayed': 'true' } });
    }
  }

  try {
    await next();
  } catch (error) {
    await write((tx) => tx.delete(idempotencyKeys).where(mine));
    throw error;
  }
  if (c.res.status >= 500) return void (await write((tx) => tx.delete(idempotencyKeys).where(mine)));
  const text = await c.res.clone().text();
  await write((tx) => tx.update(idempotencyKeys).set({ status: c.res.status, contentType: c.res.headers.get('content-type'), body: text }).where(mine));
});
