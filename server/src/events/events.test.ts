import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlerts } from '../alerts/raise.ts';
import { createTestServer, seedFixture, type TestServer } from '../testing/test-server.ts';
import { SseReader, type SseEvent } from '../testing/sse-reader.ts';
import { ok } from '../testing/typed-client.ts';

const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A second, real server process on the same database file, as a load balancer would run it. */
async function startSecondProcess(dbFile: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const { ADMIN_TOKEN: _admin, DEMO: _demo, ALERT_WEBHOOK_URL: _hook, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: { ...env, DATABASE_URL: `file:${dbFile}`, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('[seatwise] ready')) resolve();
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`second server exited (${code}):\n${output}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

describe('live updates (GET /api/v1/events)', () => {
  let server: TestServer;
  let tokens: Awaited<ReturnType<typeof seedFixture>>['tokens'];
  let ids: Record<string, string>;
  const readers: SseReader[] = [];

  const subscribe = async (token: string, headers: Record<string, string> = {}) => {
    const res = await server.app.request('/api/v1/events', { headers: { authorization: `Bearer ${token}`, ...headers } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = new SseReader(res.body!);
    readers.push(reader);
    const ready = await reader.next((e) => e.event === 'ready');
    return { reader, ready: JSON.parse(ready.data) as { seq: number } };
  };
  const changeFor = (userId: string, action?: string) => (e: SseEvent) => e.event === 'change' && JSON.parse(e.data).subjectId === userId && (!action || JSON.parse(e.data).action === action);

  beforeAll(async () => {
    server = await createTestServer();
    ({ tokens, userIds: ids } = await seedFixture(server, {
      pools: [
        { id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 5, endsInDays: 20 },
        { id: 'p_d2', orgId: 'd2', sku: 'weclimb', seats: 5 },
        // The second process runs on the wall clock, far from the test clock: this pool outlasts both.
        { id: 'p_el', orgId: 'd1', sku: 'elearn', seats: 5, endsInDays: 36500 },
      ],
      users: [
        { email: 'ann@s1.test', orgIds: ['s1'] },
        { email: 'bob@s1.test', orgIds: ['s1'] },
        { email: 'dan@s3.test', orgIds: ['s3'] },
        { email: 'eve@s1.test', orgIds: ['s1'] },
      ],
    }));
  });
  afterAll(async () => {
    await Promise.all(readers.map((r) => r.close()));
    server.close();
  });

  it('sends ready, then changes in scope with the audit seq as id; other districts see none of them', async () => {
    const mine = await subscribe(tokens.orgAdmin);
    const other = await subscribe(tokens.otherAdmin);
    expect(mine.ready.seq).toBeGreaterThan(0);
    await server.call('PUT', `/api/v1/users/${ids['ann@s1.test']}/roles/observer`, { token: tokens.sys });
    await server.call('PUT', `/api/v1/users/${ids['dan@s3.test']}/roles/observer`, { token: tokens.sys });
    const assign = await mine.reader.next(changeFor(ids['ann@s1.test']!, 'license.assign'));
    const data = JSON.parse(assign.data);
    expect(data).toMatchObject({ action: 'license.assign', subjectType: 'user', orgId: 's1' });
    expect(assign.id).toBe(String(data.seq));
    expect(Object.keys(data).sort()).toEqual(['action', 'at', 'orgId', 'seq', 'subjectId', 'subjectType']);
    // The d2 admin's first change is Dan's: Ann's (made earlier) never reached them.
    const first = JSON.parse((await other.reader.next((e) => e.event === 'change')).data);
    expect(first.subjectId).toBe(ids['dan@s3.test']);
  });

  it('resumes after Last-Event-ID with what was missed', async () => {
    const { ready } = await subscribe(tokens.sys);
    await server.call('PUT', `/api/v1/users/${ids['bob@s1.test']}/roles/observer`, { token: tokens.sys });
    const resumed = await subscribe(tokens.sys, { 'last-event-id': String(ready.seq) });
    const missed = await resumed.reader.next(changeFor(ids['bob@s1.test']!, 'license.assign'));
    expect(Number(missed.id)).toBeGreaterThan(ready.seq);
  });

  it('ends the stream of a token when it is revoked; the token then gets 401', async () => {
    const issued = await ok(server.api(tokens.sys).tokens.$post({ json: { userId: ids[Object.keys(ids)[0]!]!, authority: 'reporter', label: 'sse' } }), 201);
    const { reader } = await subscribe(issued.token);
    expect((await server.call('DELETE', `/api/v1/tokens/${issued.id}`, { token: tokens.sys })).status).toBe(204);
    const revoked = await reader.next((e) => e.event === 'revoked');
    expect(JSON.parse(revoked.data).message).toMatch(/revoked/);
    await expect(reader.next()).rejects.toThrow('event stream ended');
    expect((await server.call('GET', '/api/v1/events', { token: issued.token })).status).toBe(401);
  });

  it('re-checks authority when the holder is moved or archived: the stream follows the new scope, then ends', async () => {
    const staff = (await ok(server.api(tokens.sys).users.$post({ json: { email: 'mover@staff.test', firstName: 'Mo', lastName: 'Ver', orgIds: ['s1'] } }), 201)).user;
    const issued = await ok(server.api(tokens.sys).tokens.$post({ json: { userId: staff.id, authority: 'org_admin' } }), 201);
    const { reader } = await subscribe(issued.token);
    const seen: SseEvent[] = [];
    const watching = (match: (e: SseEvent) => boolean) => (e: SseEvent) => (seen.push(e), match(e));
    // Moved to the other district: from then on the stream carries d2's changes, and no longer d1's.
    expect((await server.call('POST', `/api/v1/users/${staff.id}/transfer`, { token: tokens.sys, body: { orgIds: ['s3'] } })).status).toBe(200);
    await server.call('PUT', `/api/v1/users/${ids['ann@s1.test']}/roles/evaluator`, { token: tokens.sys });
    await server.call('PUT', `/api/v1/users/${ids['dan@s3.test']}/roles/evaluator`, { token: tokens.sys });
    await reader.next(watching(changeFor(ids['dan@s3.test']!, 'role.grant')));
    expect(seen.filter((e) => e.event === 'change' && JSON.parse(e.data).subjectId === ids['ann@s1.test'])).toEqual([]);
    // Archived: the token no longer stands for anyone, and the stream ends.
    await server.call('POST', `/api/v1/users/${staff.id}/archive`, { token: tokens.sys });
    expect(JSON.parse((await reader.next((e) => e.event === 'revoked')).data).message).toMatch(/archived/);
    await expect(reader.next()).rejects.toThrow('event stream ended');
  });

  it('sends raised alerts as alert events', async () => {
    const { reader } = await subscribe(tokens.orgAdmin);
    const raised = await raiseAlerts(server.engine);
    const renewal = raised.find((a) => a.subject.id === 'p_wc' && a.kind === 'renewal')!;
    const event = await reader.next((e) => e.event === 'alert' && JSON.parse(e.data).id === renewal.id);
    expect(JSON.parse(event.data)).toEqual({ ...renewal, acknowledged: false });
  });

  it('delivers a change made through a second server process on the same database', async () => {
    const { reader } = await subscribe(tokens.orgAdmin);
    const second = await startSecondProcess(join(server.dir, 'test.db'));
    try {
      const res = await fetch(`${second.url}/api/v1/users/${ids['eve@s1.test']}/roles/learner`, { method: 'PUT', headers: { authorization: `Bearer ${tokens.sys}` } });
      expect(res.status).toBe(200);
      const event = await reader.next(changeFor(ids['eve@s1.test']!, 'license.assign'));
      expect(JSON.parse(event.data)).toMatchObject({ action: 'license.assign', orgId: 's1' });
    } finally {
      second.child.kill('SIGTERM');
    }
  });
});
