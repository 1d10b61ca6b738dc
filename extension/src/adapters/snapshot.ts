import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A saved stand-in host page (see test/scripts/save-host-snapshots.ts), parsed without running its scripts. */
export function loadSnapshot(name: string): Document {
  // Tests run from the extension package (vitest's root), whatever the environment does to import.meta.url.
  const html = readFileSync(join(process.cwd(), 'src/adapters/__snapshots__', `${name}.html`), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}
