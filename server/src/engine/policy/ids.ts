import { randomBytes } from 'node:crypto';

/** Sortable-ish, URL-safe ids with a readable prefix: `usr_lq3k9x2a8f0c1d2e`. */
export function newId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;
}
