import { Hono, type Context } from 'hono';
import type { StaticAsset } from './assets.ts';
import { renderLanding, renderNotFound, renderShell, type PageKind } from './shell.ts';
import { APPS, type HostApp } from './types.ts';

const isApp = (app: string): app is HostApp => (APPS as readonly string[]).includes(app);

/** Every admin URL serves the same shell (deep links work); the script renders the page. */
export function hostPageRoutes(base: string, assets: Map<string, StaticAsset>) {
  const shell = (page: PageKind, only?: HostApp) => (c: Context) => {
    const app = c.req.param('app') ?? '';
    if (!isApp(app) || (only && app !== only)) return c.html(renderNotFound(base), 404);
    return c.html(renderShell(base, app, page));
  };
  return new Hono()
    .get('/', (c) => c.html(renderLanding(base)))
    .get('/assets/:file', (c) => {
      const asset = assets.get(c.req.param('file'));
      if (!asset) return c.text('Not found', 404);
      return c.body(asset.body, 200, { 'content-type': asset.type, 'cache-control': 'no-cache' });
    })
    .get('/:app/admin/users', shell('users-list'))
    .get('/:app/admin/users/:id/edit', shell('edit-user'))
    .get('/:app/admin/licenses', shell('licenses'))
    .get('/:app/reports/license-claims', shell('license-claims'))
    .get('/:app/observations', shell('observations', 'weclimb'))
    .get('/:app', (c) => (isApp(c.req.param('app')) ? c.redirect(`${base}/${c.req.param('app')}/admin/users`) : c.html(renderNotFound(base), 404)))
    // Mounted at `base`, '/' only matches the bare base; the trailing-slash form lands here.
    .get('*', (c) => (c.req.path === `${base}/` ? c.html(renderLanding(base)) : c.html(renderNotFound(base), 404)));
}
