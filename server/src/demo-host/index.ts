import { Hono } from 'hono';
import { pageCsp } from '../http/page-csp.ts';
import { hostApiRoutes } from './api-routes.ts';
import { loadAssets } from './assets.ts';
import { hostErrorResponse } from './errors.ts';
import { hostPageRoutes } from './page-routes.ts';
import { seedHost, type HostSeed } from './seed.ts';
import { HostStore } from './store.ts';

export { HOSTILE_HOST_USER } from './seed.ts';

export interface DemoHostOptions {
  /** Where the lead mounts the host; links and script URLs are built on it. */
  base?: string;
  /** The host's starting records; by default the demo district plus the hostile user. */
  seed?: HostSeed;
}

/**
 * The stand-in eLearn / weCLIMB admin app, mounted with
 * `app.route('/demo', demoHostRoutes())`. Each call starts from fresh state.
 */
export function demoHostRoutes(options: DemoHostOptions = {}): Hono {
  const base = options.base ?? '/demo';
  const store = new HostStore(options.seed ?? seedHost());
  const app = new Hono();
  app.onError(hostErrorResponse);
  app.use('*', pageCsp);
  app.route('/api', hostApiRoutes(store));
  app.route('/', hostPageRoutes(base, loadAssets()));
  return app;
}
