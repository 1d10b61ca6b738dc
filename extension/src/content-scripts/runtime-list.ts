/** A content script the background registers at run time, on the pages the overlay runs on (background/content-scripts.ts). */
export interface RuntimeContentScript {
  id: string;
  js: string[];
  css: string[];
  runAt: 'document_start' | 'document_end' | 'document_idle';
}

/**
 * The content scripts registered at run time: the overlay's loader
 * (entrypoints/overlay-loader.ts), which loads the rest. The browser tests
 * read this list, so a script named here that the build lacks fails them.
 */
export const RUNTIME_SCRIPTS: RuntimeContentScript[] = [{ id: 'overlay', js: ['overlay-loader.js'], css: [], runAt: 'document_idle' }];
