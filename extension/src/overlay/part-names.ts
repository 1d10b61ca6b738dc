import type { PageKind } from '../adapters/shell.ts';

/**
 * The overlay's lazy parts, each with the page kind whose bundle loads it:
 * code a page needs only once the user does something (opens a bulk panel,
 * picks other organizations, presses Save), built into its own script
 * (entrypoints/overlay-part-<name>.ts) that the background injects on the
 * first ask (`overlay.loadPart`). Here, apart from parts.ts, so the
 * background's request policy can name them without carrying any overlay code.
 */
export const PARTS = { 'users-bulk': 'users-list', 'edit-user-save': 'edit-user' } as const satisfies Record<string, PageKind>;

export type PartName = keyof typeof PARTS;
export const PART_NAMES = Object.keys(PARTS) as PartName[];
