import type { Backend } from '../messaging/client.ts';
import type { PartName } from './part-names.ts';
import type editUserSave from './parts/edit-user-save.ts';
import type usersBulk from './parts/users-bulk.ts';

/** What each lazy part hands over once it has run (its module's default export). */
export interface Parts {
  'users-bulk': typeof usersBulk;
  'edit-user-save': typeof editUserSave;
}

/** Where a part leaves itself: the same isolated world as the page bundle, which the page's scripts cannot see. */
const PARTS_KEY = Symbol.for('seatwise.overlay-parts');
const registry = (): Partial<Parts> => ((globalThis as Record<symbol, Partial<Parts>>)[PARTS_KEY] ??= {});

/** Called by a part's script when it runs (entrypoints/overlay-part-<name>.ts). */
export function registerPart<N extends PartName>(name: N, part: Parts[N]) {
  registry()[name] = part;
}

const loading = new Map<PartName, Promise<unknown>>();

/**
 * A lazy part, loaded on the first ask in this frame: the background runs its
 * script here (`overlay.loadPart`, resolved once the script has run, in
 * Chromium and Firefox alike), and the script registers itself. A failed load
 * is forgotten, so the next ask tries again.
 */
export function loadPart<N extends PartName>(backend: Pick<Backend, 'request'>, name: N): Promise<Parts[N]> {
  const loaded = registry()[name];
  if (loaded) return Promise.resolve(loaded);
  let load = loading.get(name) as Promise<Parts[N]> | undefined;
  if (!load) {
    load = backend.request('overlay.loadPart', { part: name }).then(() => {
      const part = registry()[name];
      if (!part) throw new Error(`The overlay part ${name} did not register.`);
      return part;
    });
    load.catch(() => loading.delete(name));
    loading.set(name, load);
  }
  return load;
}
