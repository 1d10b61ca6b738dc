import { serve } from '@hono/node-server';
import { demoHostRoutes } from '../../server/src/demo-host/index.ts';
import type { HostSeed } from '../../server/src/demo-host/seed.ts';
import { freePort } from '../server/server-process.ts';

/**
 * The stand-in host alone (no Seatwise server, no database), under /demo on a
 * free loopback port, optionally with other starting records. For page
 * snapshots and for a host larger than the demo district.
 */
export async function serveStandInHost(seed?: HostSeed): Promise<{ url: string; close(): void }> {
  const port = await freePort();
  const host = demoHostRoutes(seed ? { seed } : {});
  const server = serve({
    port,
    hostname: '127.0.0.1',
    // Mounted under /demo as the server does, without a second copy of hono in this package.
    fetch: (req) => {
      const url = new URL(req.url);
      if (!url.pathname.startsWith('/demo')) return new Response('not found', { status: 404 });
      url.pathname = url.pathname.slice('/demo'.length) || '/';
      return host.fetch(new Request(url, req));
    },
  });
  return { url: `http://127.0.0.1:${port}`, close: () => void server.close() };
}
