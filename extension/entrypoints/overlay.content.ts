import { requestBackground } from '../src/messaging/client.ts';
import { startOverlayLoader } from '../src/overlay/loader.ts';

/**
 * The overlay on the host admin pages. Registered at run time only (never in
 * the manifest): the background registers it on the admin pages of each
 * origin an admin granted, and in the development build on the demo server's
 * stand-in host (background/content-scripts.ts). It only loads the bundle of
 * the page on screen (entrypoints/overlay-<page>.ts).
 */
export default defineContentScript({
  matches: [],
  registration: 'runtime',
  runAt: 'document_idle',
  main: (ctx) => startOverlayLoader(ctx, { request: requestBackground }),
});
