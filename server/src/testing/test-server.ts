import type { Authority, Product, Role, Sku } from '@seatwise/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createApp } from '../app.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { assignments, orgs } from '../db/schema.ts';
import { appendAudit } from '../engine/changes/audit.ts';
import { addDays } from '../engine/policy/clock.ts';
import { Engine } from '../engine/engine.ts';
import { createPool } from '../engine/changes/pools.ts';
import { issueToken } from '../engine/changes/tokens.ts';
import { upsertUser } from '../engine/changes/users.ts';
import { loadOrgTree } from '../engine/queries/org-tree.ts';
import { typedApi, type TypedApi } from './typed-client.ts';

/** A clock tests can move. */
export class TestClock {
  constructor(public current = new Date('2026-06-01T12:00:00.000Z')) {}
  readonly now = () => new Date(this.current);
  advanceDays(days: number) {
    this.current = addDays(this.current, days);
  }
}

export interface TestServer {
  app: ReturnType<typeof createApp>;
  engine: Engine;
  database: Database;
  clock: TestClock;
  dir: string;
  /** Hono's typed client over the real app, signed in with `token` (see typed-client.ts: `ok`, `refused`). */
  api(token?: string, headers?: Record<string, string>): TypedApi;
  /** A raw request, for what the typed client cannot send on purpose (malformed bodies, table-driven paths, CSV); read its `unknown` body with `bodyAs` / `errorBody` (typed-body.ts). */
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: unknown; headers: Headers }>;
  close(): void;
}

/** A real server app on a fresh temporary-file database (never `:memory:`: libsql-client-ts #229). */
export async function createTestServer(options: { clock?: TestClock; file?: string; alertWebhookUrl?: string } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'seatwise-test-'));
  const database = await openDatabase(`file:${options.file ?? join(dir, 'test.db')}`);
  const clock = options.clock ?? new TestClock();
  const engine = new Engine(database.db, clock.now);
  const app = createApp({ database, engine, alertWebhookUrl: options.alertWebhookUrl });
  return {
    app,
    engine,
    database,
    clock,
    dir,
    api: (token, headers) => typedApi(app, token, headers),
    async call(method, path, { token, body, headers = {} } = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (token) (init.headers as Record<string, string>).authorization = `Bearer ${token}`;
      if (body !== undefined) {
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
      }
      const res = await app.request(path, init);
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON (CSV, HTML): keep the text */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    close() {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface FixtureUser {
  email: string;
  orgIds: string[];
  roles?: Role[];
  firstName?: string;
  lastName?: string;
  externalId?: string;
}

/**
 * A small two-district world for tests: `d1` (schools `s1`, `s2`) and `d2`
 * (school `s3`), pools per spec, and one token per authority scoped to `d1`
 * (`sys` sees everything; `orgAdminS1` is scoped to school `s1`).
 */
export async function seedFixture(
  server: TestServer,
  spec: { pools?: { id: string; orgId: string; sku: Sku; seats: number; endsInDays?: number; graceDays?: number; overagePct?: number }[]; users?: FixtureUser[]; products?: Record<string, Product[]> } = {},
) {
  const { engine, clock } = server;
  const all: Product[] = ['elearn', 'weclimb'];
  const orgRows = [
    { id: 'd1', name: 'District One', parentId: null, products: spec.products?.d1 ?? all },
    { id: 's1', name: 'School One', parentId: 'd1', products: spec.products?.s1 ?? all },
    { id: 's2', name: 'School Two', parentId: 'd1', products: spec.products?.s2 ?? all },
    { id: 'd2', name: 'District Two', parentId: null, products: spec.products?.d2 ?? all },
    { id: 's3', name: 'School Three', parentId: 'd2', products: spec.products?.s3 ?? all },
  ];
  const userIds: Record<string, string> = {};
  const tokens = {} as Record<'sys' | 'orgAdmin' | 'orgAdminS1' | 'reporter' | 'support' | 'otherAdmin', string>;
  await engine.change(null, async (ctx) => {
    await ctx.tx.insert(orgs).values(orgRows);
    await appendAudit(ctx.tx, ctx.now, orgRows.map((o) => ({ actorId: null, action: 'org.create', subjectType: 'org', subjectId: o.id, orgId: o.id, after: o })));
    ctx.tree = await loadOrgTree(ctx.tx);
    for (const p of spec.pools ?? []) {
      await createPool(ctx, { orgId: p.orgId, sku: p.sku, seats: p.seats, startsAt: addDays(clock.current, -30).toISOString(), endsAt: addDays(clock.current, p.endsInDays ?? 200).toISOString(), graceDays: p.graceDays, overagePct: p.overagePct }, p.id);
    }
    const staff: [keyof typeof tokens, Authority, string][] = [
      ['sys', 'system_admin', 'd1'],
      ['orgAdmin', 'org_admin', 'd1'],
      ['orgAdminS1', 'org_admin', 's1'],
      ['reporter', 'reporter', 'd1'],
      ['support', 'support', 'd1'],
      ['otherAdmin', 'org_admin', 'd2'],
    ];
    for (const [key, authority, orgId] of staff) {
      const { userId } = await upsertUser(ctx, { email: `${key.toLowerCase()}@staff.test`, firstName: key, lastName: 'Staff', orgIds: [orgId], roles: [], source: 'host' });
      tokens[key] = `tok_${key}_${'x'.repeat(12)}`;
      await issueToken(ctx, userId, authority, key, tokens[key]);
    }
    for (const u of spec.users ?? []) {
      const { userId } = await upsertUser(ctx, { email: u.email, firstName: u.firstName ?? 'Test', lastName: u.lastName ?? 'User', externalId: u.externalId, orgIds: u.orgIds, roles: u.roles ?? [], source: 'host' });
      userIds[u.email] = userId;
    }
    // The fixture's people have held their licenses since before the activity window, so "never
    // active" and "inactive" mean what they say; a license granted in a test starts now.
    await ctx.tx.update(assignments).set({ since: addDays(clock.current, -45).toISOString() });
  });
  return { tokens, userIds };
}

/**
 * A fresh server and fixture world for every test of the enclosing describe
 * (registers its own beforeEach/afterEach): read `fx.server`, `fx.tokens`,
 * `fx.ids` inside the tests.
 */
export function useFixture(spec: Parameters<typeof seedFixture>[1] = {}) {
  const fx = {} as { server: TestServer } & Awaited<ReturnType<typeof seedFixture>> & { ids: Record<string, string> };
  beforeEach(async () => {
    fx.server = await createTestServer();
    const seeded = await seedFixture(fx.server, spec);
    fx.tokens = seeded.tokens;
    fx.userIds = fx.ids = seeded.userIds;
  });
  afterEach(() => fx.server.close());
  return fx;
}
