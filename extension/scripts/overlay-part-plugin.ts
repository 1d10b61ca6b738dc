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
type Resolver = { resolve(id: string, importer: string, options: object): Promise<{ id: string } | null> };

/** The file each shared package resolves to, for telling an import of it by path. */
async function resolvePackages(resolver: Resolver, importer: string, options: object): Promise<Map<string, Shared>> {
  const packages = (Object.keys(SHARED_NAMES) as Shared[]).filter((spec) => !spec.includes('.'));
  const files = await Promise.all(packages.map((spec) => resolver.resolve(spec, importer, { ...options, skipSelf: true })));
  return new Map(packages.flatMap((spec, i) => (files[i] ? [[files[i].id, spec] as const] : [])));
}

/** A Vite plugin (typed by shape: vite is WXT's dependency, not ours). */
export function overlayPartRuntime() {
  let packageFiles: Promise<Map<string, Shared>> | null = null;
  return {
    name: 'seatwise-overlay-part-runtime',
    enforce: 'pre' as const,
    async resolveId(this: Resolver, id: string, importer: string | undefined, options: object) {
      if (isShared(id)) return PREFIX + id;
      if (!importer || id.startsWith(PREFIX)) return null;
      // By the file too: an import the bundler resolved before us (or one of these modules importing another) must not bring a copy.
      const file = (await this.resolve(id, importer, { ...options, skipSelf: true }))?.id;
      if (!file) return null;
      const own = file.startsWith(SRC) ? file.slice(SRC.length) : '';
      if (isShared(own)) return PREFIX + own;
      packageFiles ??= resolvePackages(this, importer, options);
      const spec = (await packageFiles).get(file);
      return spec ? PREFIX + spec : null;
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
