import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A client that trickles its request in holds a socket: headers must arrive
 * within 15 s and the whole request (a body is at most 4 MiB) within 60 s,
 * checked every second (Node's defaults: 60 s and 300 s, checked every 30 s).
 * Generous beside a real client's milliseconds, so a moment of load never
 * cuts one off. Responses are not limited: live streams stay open.
 */
export const SLOW_CLIENT_LIMITS = { headersTimeout: 15_000, requestTimeout: 60_000, connectionsCheckingInterval: 1000 };

/** Serves an app over HTTP with the slow-client limits; resolves once listening. */
export function listen(fetch: (request: Request, env: unknown) => Response | Promise<Response>, port: number, hostname: string): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    // Plain HTTP/1.1 (serve's default server), so the node:http limits above apply.
    const server = serve({ fetch, port, hostname, serverOptions: SLOW_CLIENT_LIMITS }, (info: AddressInfo) => resolve({ server, port: info.port })) as Server;
  });
}
