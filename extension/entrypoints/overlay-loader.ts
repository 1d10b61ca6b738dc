import { requestBackground } from '../src/messaging/client.ts';
import { createOverlayHost } from '../src/overlay/host.ts';
import { startOverlayLoader } from '../src/overlay/loader.ts';

/**
 * The overlay on the host admin pages: a content script registered at run
 * time only (never in the manifest): the background registers it on the admin
 * pages of each origin an admin granted, and in the development build on the
 * demo server's stand-in host (background/content-scripts.ts,
 * content-scripts/runtime-list.ts). It only loads the bundle of the page on
 * screen (entrypoints/overlay-<page>.ts). Built as a plain script, not a WXT
 * content script, so every admin page is spared WXT's context (overlay/host.ts).
 */
export default defineUnlistedScript(() => startOverlayLoader(createOverlayHost(), { request: requestBackground }));
