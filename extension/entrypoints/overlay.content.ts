import { startOverlay } from '../src/overlay/start.ts';

/**
 * The overlay on the host admin pages. Registered at run time only (never in
 * the manifest): the background registers it on the admin pages of each
 * origin an admin granted, and in the development build on the demo server's
 * stand-in host (background/content-scripts.ts).
 */
export default defineContentScript({
  matches: [],
  registration: 'runtime',
  runAt: 'document_idle',
  main: (ctx) => startOverlay(ctx),
});
