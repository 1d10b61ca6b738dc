import { z } from 'zod';

/**
 * Selector overrides an admin may set for their own deployment of the host
 * platform: per page kind, per named selector, a CSS selector string. The
 * site adapters (overlay issue) read their defaults and merge these on top.
 */
import { PAGE_KINDS } from './shell.ts';

// Declared with the page shell (no zod there), so the content script does not bundle zod.
export { PAGE_KINDS };

const selectorSchema = z
  .string()
  .trim()
  .min(1, 'a selector cannot be empty')
  .max(500)
  .refine(isValidSelector, { message: 'is not a valid CSS selector' });

export const adapterOverridesSchema = z.strictObject(
  Object.fromEntries(PAGE_KINDS.map((kind) => [kind, z.record(z.string().regex(/^[a-zA-Z][\w-]*$/, 'selector names are words like rows or emailCell'), selectorSchema).optional()])) as Record<
    (typeof PAGE_KINDS)[number],
    z.ZodOptional<z.ZodRecord<z.ZodString, typeof selectorSchema>>
  >,
);
export type AdapterOverrides = z.infer<typeof adapterOverridesSchema>;

function isValidSelector(selector: string): boolean {
  // Without a DOM (unit tests in node) only the shape is checked.
  if (typeof document === 'undefined') return true;
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

export type ParsedOverrides = { ok: true; value: AdapterOverrides | null } | { ok: false; problems: string[] };

/** Parses the options page's textarea: empty means "no overrides". */
export function parseOverrides(text: string): ParsedOverrides {
  if (!text.trim()) return { ok: true, value: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not valid JSON: ${(error as Error).message}`] };
  }
  const parsed = adapterOverridesSchema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'overrides'}: ${i.message}`) };
}
