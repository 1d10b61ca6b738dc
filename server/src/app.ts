import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import { openAPIRouteHandler } from 'hono-openapi';
import { IMPORT_BODY_LIMIT_BYTES } from '@seatwise/shared';
import { ApiError } from './errors.ts';
import { AbuseLimits } from './http/abuse-limits.ts';
import { authenticate } from './http/auth.ts';
import type { AppEnv, Services } from './http/context.ts';
import { toErrorResponse } from './http/errors.ts';
import { IDEMPOTENCY_HEADER, idempotency } from './http/idempotency.ts';
import { streamingBodyLimit } from './imports/body-limit.ts';
import { activityRoutes } from './routes/activity.ts';
import { alertRoutes } from './routes/alerts.ts';
import { auditRoutes } from './routes/audit.ts';
import { bulkRoutes } from './routes/bulk.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { docsRoutes } from './routes/docs.ts';
import { eventRoutes } from './routes/events.ts';
import { healthRoutes } from './routes/health.ts';
import { holdRoutes } from './routes/holds.ts';
import { importRoutes } from './routes/imports.ts';
import { meRoutes } from './routes/me.ts';
import { orgRoutes } from './routes/orgs.ts';
import { poolRoutes } from './routes/pools.ts';
import { complianceReportRoutes } from './routes/compliance-reports.ts';
import { reportRoutes } from './routes/reports.ts';
import { roleRoutes } from './routes/roles.ts';
import { ruleRoutes } from './routes/rules.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { userRoutes } from './routes/users.ts';

export const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

const limit = (maxSize: number, what: string) => {
  const tooLarge = () => {
    throw new ApiError('payload_too_large', `${what} is over ${maxSize / 1024 / 1024} MiB`);
  };
  const counted = bodyLimit({ maxSize, onError: tooLarge });
  // A declared length settles it without touching `raw.body`: reading that makes
  // @hono/node-server wrap the socket in a web stream (about a tenth of a small
  // POST's cost), where `c.req.json()` would read it directly. Node's parser holds
  // the body to the declared length.
  return createMiddleware(async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return counted(c, next);
    if (Number(declared) > maxSize) tooLarge();
    await next();
  });
};
const defaultLimit = limit(BODY_LIMIT_BYTES, 'the request body');
/** Import files are the one body far bigger than the rest; they are streamed, not held. */
const importLimit = streamingBodyLimit(IMPORT_BODY_LIMIT_BYTES, 'the import file');
const IMPORT_PATH = /^\/api\/v1\/imports\/[a-z]+$/;

/** The browser extension is the only web client: its own origins, nothing else. */
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension|safari-web-extension):\/\/[a-z0-9-]+$/i;

const extensionCors = cors({ origin: (origin) => (EXTENSION_ORIGIN.test(origin) ? origin : null), allowHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID', IDEMPOTENCY_HEADER], maxAge: 600 });
/**
 * CORS for requests that name an origin (the extension's pages, preflights);
 * the rest only need `Vary: Origin`, set here before the answer exists:
 * hono's cors appends it to the finished answer, which copies it (a tenth of
 * a small request's cost).
 */
const apiCors = createMiddleware(async (c, next) => {
  if (c.req.header('origin') !== undefined || c.req.method === 'OPTIONS') return extensionCors(c, next);
  c.header('Vary', 'Origin');
  await next();
});

/** `/api/v1`: one chained router per resource, so `AppType` carries every route's types. */
function api() {
  return new Hono<AppEnv>()
    .route('/', healthRoutes)
    .use('*', authenticate)
    .use('*', idempotency)
    .route('/', meRoutes)
    .route('/', orgRoutes)
    .route('/', poolRoutes)
    .route('/', userRoutes)
    .route('/', roleRoutes)
    .route('/', holdRoutes)
    .route('/', bulkRoutes)
    .route('/', activityRoutes)
    .route('/', dashboardRoutes)
    .route('/', auditRoutes)
    .route('/', ruleRoutes)
    .route('/', tokenRoutes)
    .route('/', reportRoutes)
    .route('/', complianceReportRoutes)
    .route('/', alertRoutes)
    .route('/', eventRoutes)
    .route('/', importRoutes);
}

export function createApp(services: Services, options: { mount?: (app: Hono<AppEnv>) => void; trustProxy?: boolean } = {}) {
  const routes = api();
  const limits = new AbuseLimits({ trustProxy: options.trustProxy });
  const app = new Hono<AppEnv>()
    .use('*', async (c, next) => {
      c.set('services', services);
      c.set('limits', limits);
      await next();
    })
    .use('*', secureHeaders({ crossOriginResourcePolicy: false }))
    .use('/api/*', apiCors)
    .use('/api/*', (c, next) => (IMPORT_PATH.test(c.req.path) ? importLimit : defaultLimit)(c, next))
    .get(
      '/api/v1/openapi.json',
      openAPIRouteHandler(routes, {
        // The CSV exports are routes (`…/export.csv`), not static files: document them.
        excludeStaticFile: false,
        documentation: {
          info: { title: 'Seatwise API', version: '1.0.0', description: 'License state for the eLearn and weCLIMB admin pages.' },
          servers: [{ url: '/api/v1' }],
          components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
          security: [{ bearer: [] }],
        },
      }),
    )
    .route('/api', docsRoutes)
    .route('/api/v1', routes);
  options.mount?.(app);
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404));
  app.onError(toErrorResponse);
  return app;
}

export type ApiRoutes = ReturnType<typeof api>;
/** What the extension's `hc<AppType>` client is typed with. */
export type AppType = ReturnType<typeof createApp>;
