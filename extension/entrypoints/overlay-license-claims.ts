import bundle from '../src/overlay/bundles/license-claims.ts';
import { loaderRuntime } from '../src/overlay/loader.ts';
import { startOverlay } from '../src/overlay/start.ts';

/** The overlay of the license-claims page, loaded by the overlay content script (overlay/loader.ts) when that page is on screen. */
export default defineUnlistedScript(() => void startOverlay(loaderRuntime(), bundle));
