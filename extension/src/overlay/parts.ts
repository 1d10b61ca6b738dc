import type { Backend } from '../messaging/client.ts';
import { addOverlayStyles } from './mount.tsx';
import type { PartName } from './part-names.ts';
import { registry, type Parts } from './part-registry.ts';

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
      addOverlayStyles(part.styles);
      return part;
    });
    load.catch(() => loading.delete(name));
    loading.set(name, load);
  }
  return load;
}
