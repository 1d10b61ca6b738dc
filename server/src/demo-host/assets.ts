import { readFileSync } from 'node:fs';

const TYPES = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' } as const;
const FILES = [
  'host.css',
  'host.js',
  'dom.js',
  'users-page.js',
  'bulk-actions.js',
  'edit-user-page.js',
  'licenses-page.js',
  'claims-page.js',
  'observations-page.js',
] as const;

export interface StaticAsset {
  body: string;
  type: string;
}

/** The host's own script and style, read once at startup: no bundler, no CDN, like an old admin app. */
export function loadAssets(): Map<string, StaticAsset> {
  return new Map(
    FILES.map((name) => {
      const ext = name.slice(name.lastIndexOf('.') + 1) as keyof typeof TYPES;
      return [name, { body: readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8'), type: TYPES[ext] }];
    }),
  );
}
