import { isLoopback } from '../background/server-url.ts';

/**
 * Where the overlay runs: only on the paths of the host's admin pages (Users,
 * Edit User, Licenses under `/{app}/admin/`, License Claims under
 * `/{app}/reports/`), on an origin an admin granted, port included. A page
 * elsewhere on the same host — or the same host on another port — gets no
 * overlay and may not ask the background anything.
 */
export const ADMIN_PATHS = ['/*/admin/*', '/*/reports/license-claims*'] as const;

/**
 * The development build (`wxt build`, what `pnpm start` and the browser tests
 * load) also runs the overlay on the stand-in host the demo server serves
 * under `/demo/` — on the signed-in server's own loopback origin only. The
 * store packages (`wxt zip --mode store`) never do.
 */
export const DEMO_HOST = import.meta.env.MODE !== 'store';

/** An origin's match patterns for the admin pages, under `under` if given; the port stays in (`http://h:8443` + each path). */
export function sitePatterns(origin: string, under = ''): string[] {
  const { origin: exact } = new URL(origin);
  return ADMIN_PATHS.map((path) => `${exact}${under}${path}`);
}

/**
 * Firefox's match patterns cannot hold a port (bugs 1362809, 1468162): there
 * the registration and the permission cover the host on every port, and the
 * port is enforced by the background (no request, no live port from another
 * port) and by the overlay, which does not start where the background
 * refuses it. Chromium takes the port in the pattern itself.
 */
const PORTS_IN_PATTERNS = !import.meta.env.FIREFOX;

/** A pattern as this browser accepts it. */
export const inBrowserPattern = (pattern: string) => (PORTS_IN_PATTERNS ? pattern : pattern.replace(/^([a-z]+:\/\/[^/:]+):\d+/i, '$1'));

/** The pattern a host permission is asked for and checked against: the exact origin, port included (where the browser can). */
export const permissionPattern = (origin: string) => inBrowserPattern(`${new URL(origin).origin}/*`);

/** Every pattern the overlay runs on: the granted sites, plus the demo server's stand-in host in the development build. */
export function overlayPatterns(grantedOrigins: string[], serverUrl: string | null, demoHost = DEMO_HOST): string[] {
  const patterns = grantedOrigins.flatMap((origin) => sitePatterns(origin));
  if (demoHost && serverUrl && isLoopback(serverUrl)) patterns.push(...sitePatterns(serverUrl, '/demo'));
  return [...new Set(patterns)];
}

/** Whether `url` is matched by one of our patterns: the same origin (scheme, host, port) and a path matching its globs. */
export function matchesOverlay(url: string, patterns: string[]): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  return patterns.some((pattern) => {
    const { origin, pathname } = new URL(pattern.replaceAll('*', '__ANY__'));
    const glob = new RegExp(`^${decodeURIComponent(pathname).split('__ANY__').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return origin === target.origin && glob.test(target.pathname + target.search);
  });
}
