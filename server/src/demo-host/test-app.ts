import { Hono } from 'hono';
import { demoHostRoutes } from './index.ts';

/** A fresh host mounted the way the lead mounts it, for tests that go through HTTP. */
export function hostTestApp() {
  const app = new Hono();
  app.route('/demo', demoHostRoutes());
  const json = async (path: string, init?: { method?: string; body?: unknown; raw?: string }) => {
    const res = await app.request(path, {
      method: init?.method ?? (init?.body !== undefined || init?.raw !== undefined ? 'POST' : 'GET'),
      headers: { 'content-type': 'application/json' },
      body: init?.raw ?? (init?.body === undefined ? undefined : JSON.stringify(init.body)),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  return { app, json };
}
