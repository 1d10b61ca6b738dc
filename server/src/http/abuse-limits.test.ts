import { request, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { useFixture } from '../testing/test-server.ts';
import { BAD_TOKEN_BURST, STREAMS_PER_TOKEN } from './abuse-limits.ts';
import { listen } from './listen.ts';

/** A GET over a real socket from a chosen local address (every 127.x address is this machine). */
function get(port: number, path: string, options: { token?: string; from?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: `/api/v1${path}`, localAddress: options.from ?? '127.0.0.1', agent: false, headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('throttles against clients wearing the server down (real sockets)', () => {
  const fx = useFixture();
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
    server?.closeAllConnections();
  });
  const start = async (options: { trustProxy?: boolean } = {}) => {
    const app = createApp({ database: fx.server.database, engine: fx.server.engine }, options);
    const listening = await listen(app.fetch, 0, '127.0.0.1');
    server = listening.server;
    return listening.port;
  };

  it('bad-token guesses from one address get 429 with Retry-After; a good token from another address is not throttled', async () => {
    const port = await start();
    for (let i = 0; i < BAD_TOKEN_BURST; i++) expect((await get(port, '/me', { token: `sw_guess_${i}`, from: '127.0.0.2' })).status).toBe(401);
    const throttled = await get(port, '/me', { token: 'sw_guess_more', from: '127.0.0.2' });
    expect(throttled.status).toBe(429);
    expect(JSON.parse(throttled.body).error).toMatchObject({ code: 'too_many_requests', message: expect.stringContaining('try again') });
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // A hit answers the same as a miss while the address is throttled: nothing to learn from guessing on.
    expect((await get(port, '/me', { token: fx.tokens.sys, from: '127.0.0.2' })).status).toBe(429);
    // Someone else's guesses do not lock out a real client elsewhere.
    expect((await get(port, '/me', { token: fx.tokens.sys, from: '127.0.0.1' })).status).toBe(200);
    expect((await get(port, '/health', { from: '127.0.0.2' })).status).toBe(200);
  });

  it('X-Forwarded-For decides the client only behind a trusted proxy', async () => {
    const direct = await start();
    for (let i = 0; i <= BAD_TOKEN_BURST; i++) await get(direct, '/me', { token: `sw_guess_${i}`, headers: { 'x-forwarded-for': `10.0.0.${i}` } });
    // A header anyone can send does not buy a fresh allowance.
    expect((await get(direct, '/me', { token: fx.tokens.sys, headers: { 'x-forwarded-for': '10.9.9.9' } })).status).toBe(429);
    server!.close();

    const proxied = await start({ trustProxy: true });
    for (let i = 0; i <= BAD_TOKEN_BURST; i++) await get(proxied, '/me', { token: `sw_guess_${i}`, headers: { 'x-forwarded-for': '198.51.100.7' } });
    expect((await get(proxied, '/me', { token: fx.tokens.sys, headers: { 'x-forwarded-for': '198.51.100.7' } })).status).toBe(429);
    expect((await get(proxied, '/me', { token: fx.tokens.sys, headers: { 'x-forwarded-for': '203.0.113.5, 198.51.100.8' } })).status).toBe(200);
  });

  it(`caps a token at ${STREAMS_PER_TOKEN} open live streams; closing one frees its place`, async () => {
    const port = await start();
    const open = async () => {
      const controller = new AbortController();
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/events`, { headers: { authorization: `Bearer ${fx.tokens.reporter}` }, signal: controller.signal });
      if (res.status === 200) await res.body!.getReader().read(); // the `ready` event: the stream is open
      return { res, close: () => controller.abort() };
    };
    const streams = [];
    for (let i = 0; i < STREAMS_PER_TOKEN; i++) {
      const s = await open();
      expect(s.res.status).toBe(200);
      streams.push(s);
    }
    const refused = await open();
    expect(refused.res.status).toBe(429);
    expect((await refused.res.json()).error.message).toContain('live-update streams open');
    // Another token is not affected.
    const other = await fetch(`http://127.0.0.1:${port}/api/v1/events`, { headers: { authorization: `Bearer ${fx.tokens.sys}` } });
    expect(other.status).toBe(200);
    await other.body!.cancel();
    streams[0]!.close();
    let again = await open();
    for (let i = 0; again.res.status !== 200 && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await open();
    }
    expect(again.res.status).toBe(200);
    for (const s of [...streams, again]) s.close();
  });

  it('a client that never finishes its request headers is disconnected', async () => {
    const port = await start();
    const socket = connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write('GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    let answer = '';
    socket.on('data', (d) => (answer += d));
    // The server ends the connection (Node answers 408 first); today's default would keep it a minute or more.
    await new Promise((r) => socket.once('close', r));
    expect(answer).toMatch(/^HTTP\/1\.1 408|^$/);
  }, 30_000);
});
