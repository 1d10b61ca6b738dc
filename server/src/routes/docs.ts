import { Hono } from 'hono';
import { DOCS_HTML, DOCS_JS } from '../docs/page.ts';
import type { AppEnv } from '../http/context.ts';

/** `/api/docs`: the human-readable reference, rendered in the browser from `/api/v1/openapi.json`. */
export const docsRoutes = new Hono<AppEnv>()
  .get('/docs', (c) => c.html(DOCS_HTML))
  .get('/docs/app.js', (c) => c.body(DOCS_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
