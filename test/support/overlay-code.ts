import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PAGE_KINDS, type PageKind } from '../../extension/src/adapters/shell.ts';
import { RUNTIME_SCRIPTS } from '../../extension/src/content-scripts/runtime-list.ts';
import { PART_NAMES, PARTS, type PartName } from '../../extension/src/overlay/part-names.ts';

/** The overlay's content script in the build: the loader, on every admin page of a granted site (registered at run time). */
export const LOADER_FILE = RUNTIME_SCRIPTS.find((s) => s.id === 'overlay')!.js[0]!;
/** The bundle the background injects when the loader finds this page kind on screen (background/handlers.ts, `overlay.load`). */
export const pageBundleFile = (page: PageKind) => `overlay-${page}.js`;
/** A lazy part the page bundle has the background inject when the user first needs it (overlay/parts.ts, `overlay.loadPart`). */
export const partFile = (part: PartName) => `overlay-part-${part}.js`;

/** A file of the build, gzipped on its own (as a store download and the browser's cache see it), in bytes. */
export interface CodeFile {
  file: string;
  gzipped: number;
}

export interface PageCode {
  page: PageKind;
  /** The files the page runs: the loader, then its bundle. */
  files: CodeFile[];
  /** Their sum: the overlay code this page loads without the user doing anything. */
  gzipped: number;
  /** Its lazy parts, loaded only once the user needs them (not in `gzipped`). */
  lazy: CodeFile[];
}

const codeFile = (dir: string, file: string): CodeFile => ({ file, gzipped: gzipSync(readFileSync(join(dir, file)), { level: 9 }).length });

/** The overlay code in the build in `dir`: the loader, and what each page kind loads in all (the loader and its bundle), with its lazy parts apart. */
export function overlayCode(dir: string): { loader: CodeFile; pages: PageCode[] } {
  const loader = codeFile(dir, LOADER_FILE);
  const pages = PAGE_KINDS.map((page) => {
    const files = [loader, codeFile(dir, pageBundleFile(page))];
    const lazy = PART_NAMES.filter((part) => PARTS[part] === page).map((part) => codeFile(dir, partFile(part)));
    return { page, files, gzipped: files.reduce((sum, f) => sum + f.gzipped, 0), lazy };
  });
  return { loader, pages };
}
