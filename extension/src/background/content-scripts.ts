import { browser } from '#imports';
import { RUNTIME_SCRIPTS_FILE, type RuntimeContentScript } from '../content-scripts/runtime-list.ts';
import { isLoopback } from './server-url.ts';

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

/** The pattern a host permission is asked for and checked against: the exact origin, port included. */
export const permissionPattern = (origin: string) => `${new URL(origin).origin}/*`;

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

/** What to register: each runtime content script on the overlay's patterns. */
export function registrationsFor(scripts: RuntimeContentScript[], patterns: string[]) {
  return scripts.map((s) => ({
    id: `seatwise-${s.id}`,
    js: s.js,
    ...(s.css.length ? { css: s.css } : {}),
    matches: patterns,
    runAt: s.runAt,
    allFrames: false,
    persistAcrossSessions: true,
  }));
}

async function builtScripts(): Promise<RuntimeContentScript[]> {
  try {
    const res = await fetch(browser.runtime.getURL(`/${RUNTIME_SCRIPTS_FILE}` as '/popup.html'));
    return (await res.json()) as RuntimeContentScript[];
  } catch {
    return [];
  }
}

/** The overlay's patterns now: granted origins we still hold the permission for (exact origin), and the demo host. */
export async function currentOverlayPatterns(origins: string[], serverUrl: string | null): Promise<string[]> {
  const granted: string[] = [];
  for (const origin of origins) {
    if (await browser.permissions.contains({ origins: [permissionPattern(origin)] })) granted.push(origin);
  }
  const demo = serverUrl && DEMO_HOST && isLoopback(serverUrl) && (await browser.permissions.contains({ origins: [permissionPattern(serverUrl)] })) ? serverUrl : null;
  return overlayPatterns(granted, demo);
}

/** Replaces our registrations with the build's scripts on the overlay's patterns; returns how many were registered. */
export async function syncContentScripts(patterns: string[]): Promise<number> {
  const scripts = await builtScripts();
  const existing = await browser.scripting.getRegisteredContentScripts();
  const ours = existing.filter((s) => s.id.startsWith('seatwise-')).map((s) => s.id);
  if (ours.length) await browser.scripting.unregisterContentScripts({ ids: ours });
  const wanted = patterns.length ? registrationsFor(scripts, patterns) : [];
  if (wanted.length) await browser.scripting.registerContentScripts(wanted);
  return wanted.length;
}
