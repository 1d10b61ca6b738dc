import { z } from 'zod';
import { LIST_SEPARATOR, PRODUCT_LABELS, PRODUCTS, ROLE_LABELS, ROLES, type Product, type Role } from '@seatwise/shared';

/** Cell values as the platform prints them → ours. Each parser answers the value or a reason. */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A first, last or organization name: what the API's name rule allows, with a reason a spreadsheet user reads. */
export const nameSchema = z.string().trim().min(1, 'required').max(100, 'longer than 100 characters');

export const splitList = (cell: string | undefined) =>
  (cell ?? '')
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean);

function labelled<T extends string>(keys: readonly T[], labels: Record<T, string>, what: string) {
  const byName = new Map<string, T>();
  for (const k of keys) {
    byName.set(k, k);
    byName.set(labels[k].toLowerCase(), k);
  }
  const known = keys.map((k) => labels[k]).join(', ');
  return (cell: string | undefined): Parsed<T[]> => {
    const out: T[] = [];
    for (const name of splitList(cell)) {
      const key = byName.get(name.toLowerCase());
      if (!key) return { ok: false, reason: `unknown ${what} "${name}" (known: ${known})` };
      if (!out.includes(key)) out.push(key);
    }
    return { ok: true, value: out };
  };
}

/** "Observer;Organization Administrator" → roles. */
export const parseRoles = labelled<Role>(ROLES, ROLE_LABELS, 'role');
/** "eLearn;weCLIMB" → products. */
export const parseProducts = labelled<Product>(PRODUCTS, PRODUCT_LABELS, 'product');

const PLATFORM_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * ISO 8601, or the platform's `MM/DD/YYYY hh:mm AM` (read as UTC: the
 * platform's exports carry no zone). Calendar-checked: 02/30 is refused.
 */
export function parseAt(cell: string | undefined): Parsed<string> {
  const text = (cell ?? '').trim();
  if (!text) return { ok: false, reason: 'required' };
  const m = PLATFORM_DATE.exec(text);
  if (m) {
    const [, mo, d, y, h, mi, s, ampm] = m;
    const hour12 = Number(h);
    if (hour12 < 1 || hour12 > 12) return { ok: false, reason: `"${text}" has no such hour` };
    const hour = (hour12 % 12) + (ampm!.toLowerCase() === 'pm' ? 12 : 0);
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), hour, Number(mi), Number(s ?? 0)));
    if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d) || Number(mi) > 59 || Number(s ?? 0) > 59) return { ok: false, reason: `"${text}" is not a real date` };
    return { ok: true, value: date.toISOString() };
  }
  if (ISO_DATE.test(text)) {
    const t = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : /[Zz+-]\d*:?\d*$/.test(text.slice(10)) ? text : `${text}Z`);
    if (!Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text.slice(0, 10)) return { ok: true, value: new Date(t).toISOString() };
    if (!Number.isNaN(t) && /[+-]\d{2}:?\d{2}$/.test(text)) return { ok: true, value: new Date(t).toISOString() };
  }
  return { ok: false, reason: `"${text}" is not a date (use ISO 8601 or MM/DD/YYYY hh:mm AM)` };
}
