import { eventsQuerySchema } from '@seatwise/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { streamSSE } from 'hono/streaming';
import { feedFor, maxSeq, readSince, type FeedRow } from '../events/feed.ts';
import { changesAuthority, toEvent } from '../events/subscriber.ts';
import { callerNow } from '../http/auth.ts';
import type { AppEnv } from '../http/context.ts';
import { validate } from '../http/validate.ts';

/** Proxies drop idle connections; a comment line every 15 s keeps ours open and lets clients notice a dead one. */
export const HEARTBEAT_MS = 15_000;

export const eventRoutes = new Hono<AppEnv>().get(
  '/events',
  describeRoute({
    tags: ['events'],
    summary: 'Server-sent events: `ready` {seq} on connect, then `change` (id = audit seq; data {seq, action, subjectType, subjectId, orgId, at}) and `alert` (the alert) in the caller\'s scope; resumable with Last-Event-ID; heartbeat comment every 15 s',
    responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } } },
  }),
  validate('query', eventsQuerySchema),
  (c) => {
    let { caller } = c.var;
    const { db } = c.var.services.database;
    const resumeFrom = c.req.header('last-event-id') ?? c.req.valid('query').lastEventId;
    return streamSSE(c, async (stream) => {
      const queue: FeedRow[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = await feedFor(db).subscribe((rows) => {
        queue.push(...rows);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      try {
        const seq = await maxSeq(db);
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ seq }) });
        let cursor = resumeFrom && /^\d+$/.test(resumeFrom) ? Number(resumeFrom) : seq;
        const send = async (rows: FeedRow[]) => {
          for (const row of rows) {
            if (row.seq <= cursor) continue;
            cursor = row.seq;
            if (changesAuthority(caller, row)) {
              // The stream was authorized by this token as its holder stood then: re-check it now. A revoked
              // token or archived holder ends the stream (the client's reconnect gets a 401); a holder moved,
              // or an organization moved, narrows or widens what the rest of the stream carries.
              const now = await callerNow(db, caller.tokenId);
              if (!now) {
                await stream.writeSSE({ event: 'revoked', data: JSON.stringify({ message: 'this API token was revoked or its holder archived' }) });
                stream.abort();
                return;
              }
              caller = now;
            }
            const event = toEvent(caller, row);
            if (event) await stream.writeSSE(event);
          }
        };
        // Catch up from the client's last event; the feed queues anything newer meanwhile.
        for (let page = await readSince(db, cursor); page.length && !stream.aborted; page = await readSince(db, cursor)) await send(page);
        while (!stream.aborted) {
          if (queue.length) {
            await send(queue.splice(0));
            continue;
          }
          const woken = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), HEARTBEAT_MS);
            wake = () => {
              clearTimeout(timer);
              resolve(true);
            };
          });
          wake = undefined;
          if (!woken && !stream.aborted) await stream.write(': heartbeat\n\n');
        }
      } finally {
        unsubscribe();
      }
    });
  },
);
