import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestServer, type TestServer } from '../testing/test-server.ts';
import { bodyAs } from '../testing/typed-body.ts';

/** The part of an OpenAPI document these tests read (generated, so no shared schema describes it). */
const operationSchema = z.looseObject({
  summary: z.string().optional(),
  parameters: z.array(z.looseObject({ name: z.string() })).optional(),
  responses: z.record(z.string(), z.looseObject({ content: z.record(z.string(), z.unknown()).optional() })).optional(),
});
const openApiSchema = z.looseObject({ paths: z.record(z.string(), z.record(z.string(), operationSchema)) });

describe('API documentation', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server.close());

  it('describes every /api/v1 route in openapi.json, with a summary', async () => {
    const spec = bodyAs(await server.call('GET', '/api/v1/openapi.json'), openApiSchema);
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        documented.add(`${method.toUpperCase()} ${path}`);
      }
    }
    const routes = server.app.routes
      .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL' && r.path !== '/api/v1/openapi.json')
      .map((r) => `${r.method} ${r.path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`);
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !documented.has(r))).toEqual([]);
    // A JSON report answers JSON only; its CSV is the sibling export route, with the same filters and no paging.
    expect(Object.keys(spec.paths['/reports/claims']!.get!.responses!['200']!.content!)).toEqual(['application/json']);
    expect(Object.keys(spec.paths['/reports/claims/export.csv']!.get!.responses!['200']!.content!)).toEqual(['text/csv']);
    const params = (path: string) => spec.paths[path]!.get!.parameters!.map((p) => p.name);
    expect(params('/reports/claims')).not.toContain('format');
    expect(params('/reports/claims/export.csv')).toEqual(params('/reports/claims').filter((n) => n !== 'cursor' && n !== 'limit'));
  });

  it('documents the lookup answer: the user as its identity, licenses, roles and last activity once beside it', async () => {
    const spec = bodyAs(await server.call('GET', '/api/v1/openapi.json'), openApiSchema);
    const object = z.looseObject({ properties: z.record(z.string(), z.unknown()) });
    const result = z
      .looseObject({ schema: z.looseObject({ properties: z.looseObject({ results: z.looseObject({ items: object }) }) }) })
      .parse(spec.paths['/users/lookup']!.post!.responses!['200']!.content!['application/json']).schema.properties.results.items.properties;
    expect(Object.keys(result)).toEqual(['key', 'user', 'licenses', 'roles', 'lastActiveAt']);
    // `user` is nullable: one of its alternatives is the object.
    const user = z.looseObject({ anyOf: z.array(z.looseObject({ properties: z.record(z.string(), z.unknown()).optional() })) }).parse(result.user);
    expect(user.anyOf.flatMap((alternative) => Object.keys(alternative.properties ?? {}))).toEqual(['id', 'email', 'firstName', 'lastName', 'externalId', 'orgIds', 'status']);
  });

  it('serves a self-contained docs page at /api/docs (no CDN, no HTML from the spec)', async () => {
    const page = await server.app.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script src="/api/docs/app.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);
    // Its Content-Security-Policy admits its own script, styles and the spec it fetches, nothing inline.
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(html).not.toMatch(/<style|\sstyle=|<script>/);
    const css = await server.app.request('/api/docs/app.css');
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await css.text()).toContain('.op {');
    const script = await (await server.app.request('/api/docs/app.js')).text();
    expect(script).toContain('/api/v1/openapi.json');
    expect(script).not.toMatch(/innerHTML|insertAdjacentHTML|document\.write/);
  });
});
