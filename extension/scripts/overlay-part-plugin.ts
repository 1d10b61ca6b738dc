import { fileURLToPath } from 'node:url';
import { SHARED_NAMES, SHARED_RUNTIME_KEY } from '../src/overlay/shared-names.ts';

type Shared = keyof typeof SHARED_NAMES;
const PREFIX = '\0seatwise-shared:';
const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const isShared = (id: string): id is Shared => Object.hasOwn(SHARED_NAMES, id);

/**
 * For the build of a lazy overlay part (entrypoints/overlay-part-*.ts): the
 * modules of SHARED_NAMES (Preact, its JSX runtime, @preact/signals, the
 * overlay's mount and failures) are not bundled but read from the page
 * bundle that loaded the part, which left them in the isolated world
 * (src/overlay/shared-runtime.ts).
 */
/** A Vite plugin (typed by shape: vite is WXT's dependency, not ours). */
export function overlayPartRuntime() {
  return {
    name: 'seatwise-overlay-part-runtime',
    enforce: 'pre' as const,
    async resolveId(this: { resolve(id: string, importer: string, options: object): Promise<{ id: string } | null> }, id: string, importer: string | undefined, options: object) {
      if (isShared(id)) return PREFIX + id;
      if (!id.startsWith('.') || !importer) return null;
      const resolved = await this.resolve(id, importer, { ...options, skipSelf: true });
      const own = resolved?.id.startsWith(SRC) ? resolved.id.slice(SRC.length) : '';
      return isShared(own) ? PREFIX + own : null;
    },
    load(id: string) {
      if (!id.startsWith(PREFIX)) return null;
      const spec = id.slice(PREFIX.length) as Shared;
      return [
        `const shared = globalThis[Symbol.for(${JSON.stringify(SHARED_RUNTIME_KEY)})];`,
        `if (!shared) throw new Error('An overlay part ran without its page bundle.');`,
        `const m = shared[${JSON.stringify(spec)}];`,
        ...SHARED_NAMES[spec].map((name) => `export const ${name} = m.${name};`),
      ].join('\n');
    },
  };
}
