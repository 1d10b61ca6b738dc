import { browser } from '#imports';
import { RUNTIME_SCRIPTS_FILE, type RuntimeContentScript } from '../content-scripts/runtime-list.ts';

/** The built-in host (the local demo server) the extension may reach from install. */
export const BUILT_IN_ORIGINS = ['http://127.0.0.1', 'http://localhost'];

export function originToPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/** What to register: each runtime content script on its own pages plus every origin an admin added. */
export function registrationsFor(scripts: RuntimeContentScript[], origins: string[]) {
  const extra = origins.map(originToPattern);
  return scripts.map((s) => ({
    id: `seatwise-${s.id}`,
    js: s.js,
    ...(s.css.length ? { css: s.css } : {}),
    matches: [...new Set([...s.matches, ...extra])],
    runAt: s.runAt,
    allFrames: s.allFrames,
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

/** Replaces our registrations with the build's scripts on the origins we hold permission for. */
export async function syncContentScripts(origins: string[]): Promise<number> {
  const scripts = await builtScripts();
  const granted: string[] = [];
  for (const origin of origins) {
    if (await browser.permissions.contains({ origins: [originToPattern(origin)] })) granted.push(origin);
  }
  const existing = await browser.scripting.getRegisteredContentScripts();
  const ours = existing.filter((s) => s.id.startsWith('seatwise-')).map((s) => s.id);
  if (ours.length) await browser.scripting.unregisterContentScripts({ ids: ours });
  const wanted = registrationsFor(scripts, granted).filter((r) => r.matches.length);
  if (wanted.length) await browser.scripting.registerContentScripts(wanted);
  return wanted.length;
}
