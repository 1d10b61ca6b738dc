import { eventsQuerySchema } from '@seatwise/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { streamSSE } from 'hono/streaming';
import { feedFor, maxSeq, readSince, type FeedRow } from '../events/feed.ts';
import { toEvent } from '../events/subscriber.ts';
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
    const { caller } = c.var;
    const { db } = c.var.services.database;
    const resumeFrom = c.req.header('last-event-id') ?? c.req.valid('query').lastEventId;
    // Each open stream holds a subscriber and a socket: a token gets a few, not unlimited.
    const release = c.var.limits.openStream(caller.tokenId);
    return streamSSE(c, async (stream) => {
      const queue: FeedRow[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = await feedFor(db).subscribe((rows) => {
        queue.push(...rows);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        release();
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
            if (row.action === 'token.revoke' && row.subjectId === caller.tokenId) {
              // The stream was authorized by this token: it ends with it. The client's reconnect then gets a 401.
              await stream.writeSSE({ event: 'revoked', data: JSON.stringify({ message: 'this API token was revoked' }) });
              stream.abort();
              return;
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
        release();
      }
    });
  },
);
