import { Hono } from 'hono';
import { DOCS_CSS, DOCS_HTML, DOCS_JS } from '../docs/page.ts';
import { pageCsp } from '../http/page-csp.ts';
import type { AppEnv } from '../http/context.ts';

/** `/api/docs`: the human-readable reference, rendered in the browser from `/api/v1/openapi.json`. */
export const docsRoutes = new Hono<AppEnv>()
  .use('/docs/*', pageCsp)
  .get('/docs', (c) => c.html(DOCS_HTML))
  .get('/docs/app.css', (c) => c.body(DOCS_CSS, 200, { 'content-type': 'text/css; charset=utf-8' }))
  .get('/docs/app.js', (c) => c.body(DOCS_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
