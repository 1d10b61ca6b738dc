import { defineConfig } from 'wxt';
import type { ContentScriptEntrypoint, Entrypoint } from 'wxt';
import { RUNTIME_SCRIPTS_FILE, type RuntimeContentScript } from './src/content-scripts/runtime-list.ts';

/** Content scripts that the background registers at run time for the origins an admin adds. */
let runtimeScripts: RuntimeContentScript[] = [];

function toRuntimeScript(entry: ContentScriptEntrypoint): RuntimeContentScript {
  return {
    id: entry.name,
    js: [`content-scripts/${entry.name}.js`],
    css: entry.options.cssInjectionMode === 'manifest' ? [`content-scripts/${entry.name}.css`] : [],
    matches: entry.options.matches ?? [],
    runAt: entry.options.runAt ?? 'document_idle',
    allFrames: entry.options.allFrames ?? false,
  };
}

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  manifest: ({ browser }) => ({
    name: 'Seatwise',
    description: 'License status, seat counts and license-aware role changes on the eLearn and weCLIMB admin pages.',
    permissions: ['storage', 'alarms', 'notifications', 'scripting'],
    // Least privilege: only the local demo server at install; admins add their platform's origin at run time.
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'Seatwise' },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'seatwise@seatwise.dev', strict_min_version: '128.0' } } } : {}),
  }),
  hooks: {
    'entrypoints:resolved': (_wxt, entrypoints: Entrypoint[]) => {
      runtimeScripts = entrypoints
        .filter((e): e is ContentScriptEntrypoint => e.type === 'content-script')
        .filter((e) => e.options.registration === 'runtime')
        .map(toRuntimeScript);
    },
    'build:publicAssets': (_wxt, files) => {
      files.push({ relativeDest: RUNTIME_SCRIPTS_FILE, contents: JSON.stringify(runtimeScripts, null, 2) });
    },
  },
  zip: {
    // The Firefox sources zip must hold shared/, server/ (for AppType) and the lockfile.
    sourcesRoot: '..',
    excludeSources: ['**/node_modules/**', '**/.output/**', '**/.wxt/**', 'test/artifacts/**', 'data/**', '**/*.db'],
  },
});
