import { startOverlay } from '../src/overlay/start.ts';

/**
 * The overlay on the host admin pages. Registered at run time (not in the
 * manifest), so the background can add every origin an admin grants; its own
 * matches are the stand-in host served by the demo server.
 */
export default defineContentScript({
  matches: ['http://127.0.0.1/demo/*', 'http://localhost/demo/*'],
  registration: 'runtime',
  runAt: 'document_idle',
  main: (ctx) => startOverlay(ctx),
});
