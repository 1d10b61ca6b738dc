import { defineConfig } from 'wxt';
import { noEval } from './scripts/no-eval-plugin.ts';
import { overlayWithoutHooks } from './scripts/overlay-no-hooks-plugin.ts';
import { overlayPartRuntime } from './scripts/overlay-part-plugin.ts';

/**
 * `--mode store` (the `zip` scripts) makes the packages for the stores: no
 * loopback host permission, closed shadow roots, no demo host. Any other mode
 * is the development build the demo and the browser tests load.
 */
const STORE_MODE = 'store';

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  vite: () => ({ plugins: [noEval()] }),
  manifest: ({ browser, mode }) => ({
    name: 'Seatwise',
    description: 'License status, seat counts and license-aware role changes on the eLearn and weCLIMB admin pages.',
    permissions: ['storage', 'alarms', 'notifications', 'scripting'],
    // Least privilege: no host at install in the store packages (admins grant their platform's exact origin at run
    // time); the development build may reach the local demo server. The server's API answers the extension by CORS.
    host_permissions: mode === STORE_MODE ? [] : ['http://127.0.0.1/*', 'http://localhost/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'Seatwise' },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'seatwise@seatwise.dev',
              strict_min_version: '128.0',
              // AMO: what leaves the browser, and only for the admin's own Seatwise server: the API token, and the
              // emails, names and ids of the users on the host's admin pages (to look up and sync their licenses).
              data_collection_permissions: { required: ['authenticationInfo', 'personallyIdentifyingInfo', 'websiteContent'] },
            },
          },
        }
      : {}),
  }),
  hooks: {
    // The overlay's scripts go without Preact's hooks; a lazy part draws with its page bundle's Preact and signals, not a copy of its own.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.name.startsWith('overlay-'))) return;
      const part = entrypoints.every((e) => e.name.startsWith('overlay-part-'));
      config.plugins = [...(config.plugins ?? []), overlayWithoutHooks(), ...(part ? [overlayPartRuntime()] : [])];
      // What runs in the admin's page is held to 20 kB gzipped (issue 11): terser's two passes make it 2-3 % smaller
      // than the default minifier (about half a kilobyte for the Users list). The extension's own pages keep the faster default.
      config.build = { ...config.build, minify: 'terser', terserOptions: { compress: { passes: 2 }, ecma: 2020 } };
    },
  },
  zip: {
    // The Firefox sources zip must hold shared/, server/ (for AppType) and the lockfile.
    sourcesRoot: '..',
    excludeSources: ['**/node_modules/**', '**/.output/**', '**/.wxt/**', '**/.tsbuild/**', 'test/artifacts/**', 'data/**', '**/*.db'],
  },
});
