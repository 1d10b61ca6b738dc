import { browser } from '#imports';
import { RUNTIME_SCRIPTS, type RuntimeContentScript } from '../content-scripts/runtime-list.ts';
import { DEMO_HOST, inBrowserPattern, overlayPatterns, permissionPattern } from '../content-scripts/site-patterns.ts';
import { isLoopback } from './server-url.ts';

/** What to register: each runtime content script on the overlay's patterns. */
export function registrationsFor(scripts: RuntimeContentScript[], patterns: string[]) {
  return scripts.map((s) => ({
    id: `seatwise-${s.id}`,
    js: s.js,
    ...(s.css.length ? { css: s.css } : {}),
    matches: [...new Set(patterns.map(inBrowserPattern))],
    runAt: s.runAt,
    allFrames: false,
    persistAcrossSessions: true,
  }));
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

/** Replaces our registrations with the runtime content scripts on the overlay's patterns; returns how many were registered. */
export async function syncContentScripts(patterns: string[]): Promise<number> {
  const existing = await browser.scripting.getRegisteredContentScripts();
  const ours = existing.filter((s) => s.id.startsWith('seatwise-')).map((s) => s.id);
  if (ours.length) await browser.scripting.unregisterContentScripts({ ids: ours });
  const wanted = patterns.length ? registrationsFor(RUNTIME_SCRIPTS, patterns) : [];
  if (wanted.length) await browser.scripting.registerContentScripts(wanted);
  return wanted.length;
}
