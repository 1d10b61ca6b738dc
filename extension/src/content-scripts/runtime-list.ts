/**
 * The build writes the list of content scripts declared with
 * `registration: 'runtime'` into this file (see wxt.config.ts), so the
 * background registers exactly what the build holds on the pages the overlay
 * runs on, with no hand-kept list to forget.
 */
export const RUNTIME_SCRIPTS_FILE = 'content-scripts.json';

export interface RuntimeContentScript {
  id: string;
  js: string[];
  css: string[];
  runAt: 'document_start' | 'document_end' | 'document_idle';
}
