// @vitest-environment node
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../api/types.ts';
import { createApiClient } from './api-client.ts';
import { createLiveEvents } from './live-events.ts';

/** A real HTTP server: `/api/v1/events` streams a malformed change between two good ones; `/api/v1/me` answers a 200 HTML page. */
let server: Server;
let base = '';
const change = (seq: number) => JSON.stringify({ seq, action: 'role.grant', subjectType: 'user', subjectId: `u_${seq}`, orgId: null, at: '2026-11-28T00:00:00Z' });

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/api/v1/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: ready\ndata: {}\n\n');
      res.write(`id: 1\nevent: change\ndata: ${change(1)}\n\n`);
      res.write('id: 2\nevent: change\ndata: {"seq": oops\n\n');
      res.write('id: 3\nevent: change\ndata: {"seq": 3}\n\n');
      res.write(`id: 4\nevent: change\ndata: ${change(4)}\n\n`);
      return; // kept open, as the live stream is
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Sign in to the proxy</title>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('live events', () => {
  it('skips a malformed event, keeps the stream, and saves every id', async () => {
    const api = createApiClient({ serverUrl: base, token: 't' });
    const saved: (string | null)[] = [];
    const changes: ChangeEvent[] = [];
    const failures: string[] = [];
    const live = createLiveEvents({
      api: async () => api,
      loadLastEventId: async () => null,
      saveLastEventId: async (id) => void saved.push(id),
      onReady: () => undefined,
      onChanges: (batch) => changes.push(...batch),
      onAlert: () => undefined,
      onFailure: (f) => failures.push(f.message),
      onUnavailable: () => undefined,
      coalesceMs: 5,
    });
    live.ensure();
    await expect.poll(() => changes.map((c) => c.seq)).toEqual([1, 4]);
    expect(saved).toEqual(['1', '2', '3', '4']);
    expect(failures).toEqual([]);
    expect(live.running).toBe(true);
    live.stop();
  });
});

describe('a stream gone silent', () => {
  it('is taken for dead (no heartbeat) and connected again, which says ready again', async () => {
    const api = createApiClient({ serverUrl: base, token: 't' });
    let ready = 0;
    const failures: string[] = [];
    const live = createLiveEvents({
      api: async () => api,
      loadLastEventId: async () => null,
      saveLastEventId: async () => undefined,
      onReady: () => void ready++,
      onChanges: () => undefined,
      onAlert: () => undefined,
      onFailure: (f) => failures.push(f.message),
      onUnavailable: () => undefined,
      coalesceMs: 5,
      silenceMs: 300,
    });
    live.ensure();
    // The test server sends its events, then nothing (a sleeping laptop's dead socket looks the same).
    await expect.poll(() => ready, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(failures[0]).toBe('The live-updates stream closed.');
    live.stop();
  });
});

describe('a 200 that is not JSON', () => {
  it('is a clear failure naming the server, not a SyntaxError', async () => {
    const api = createApiClient({ serverUrl: base, token: 't' });
    const failure = await api.json(() => api.client.api.v1.me.$get(), { retry: false }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ failure: { kind: 'api', code: 'not_json', message: `The server at ${base} answered with text/html, not Seatwise data. Check the server URL in the options.` } });
  });
});
