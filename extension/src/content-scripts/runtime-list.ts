/**
 * The build writes the list of content scripts declared with
 * `registration: 'runtime'` into this file (see wxt.config.ts), so the
 * background registers exactly what the build holds for each origin an admin
 * adds, with no hand-kept list to forget.
 */
export const RUNTIME_SCRIPTS_FILE = 'content-scripts.json';

export interface RuntimeContentScript {
  id: string;
  js: string[];
  css: string[];
  /** The script's own match patterns (e.g. the stand-in host's pages). */
  matches: string[];
  runAt: 'document_start' | 'document_end' | 'document_idle';
  allFrames: boolean;
}
