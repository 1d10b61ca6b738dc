import { plural, PRODUCT_LABELS } from '@seatwise/shared/catalog';
import type { LookupResult } from '@seatwise/shared';

export type ChipTone = 'elearn' | 'weclimb' | 'combined' | 'none' | 'waiting' | 'suspended' | 'grace' | 'inactive' | 'unknown';

/** One chip: its text always says what its colour says. */
export interface Chip {
  tone: ChipTone;
  label: string;
  /** Longer words for the tooltip. */
  title: string;
}

const DAY_MS = 86_400_000;

/**
 * The chips of one user row, from the lookup answer: a Combined seat shows
 * once (it covers both products), waiting and suspended licenses say which
 * product, and a licensed user not seen within the window is "Inactive N days".
 */
export function chipsFor(result: LookupResult | undefined, { inactivityDays, now = Date.now() }: { inactivityDays: number; now?: number }): Chip[] {
  if (!result) return [];
  if (!result.user) return [{ tone: 'unknown', label: 'Not in Seatwise', title: 'This host user is not in Seatwise yet: no license is tracked.' }];
  const chips: Chip[] = [];
  const licenses = result.licenses;
  const combined = licenses.filter((l) => l.sku === 'combined' && (l.state === 'active' || l.state === 'grace'));
  if (combined.length) {
    const grace = combined.some((l) => l.state === 'grace');
    chips.push({ tone: grace ? 'grace' : 'combined', label: grace ? 'Combined · grace' : 'Combined', title: `One Combined seat (eLearn and weCLIMB) from ${combined[0]!.poolName ?? combined[0]!.poolId}${grace ? ', which is in its grace period' : ''}.` });
  }
  for (const l of licenses) {
    const name = PRODUCT_LABELS[l.product];
    if (l.sku === 'combined' && (l.state === 'active' || l.state === 'grace')) continue;
    if (l.state === 'active') chips.push({ tone: l.product, label: name, title: `${name} seat from ${l.poolName ?? l.poolId}.` });
    else if (l.state === 'grace') chips.push({ tone: 'grace', label: `${name} · grace`, title: `${name} pool ${l.poolName ?? l.poolId} has ended and is in its grace period.` });
    else if (l.state === 'waiting') chips.push({ tone: 'waiting', label: `Waiting · ${name}`, title: `Waiting for a free ${name} seat since ${l.since.slice(0, 10)}.` });
    else chips.push({ tone: 'suspended', label: `Suspended · ${name}`, title: `${name} pool ${l.poolName ?? l.poolId} has expired: the license is suspended.` });
  }
  if (!licenses.length) chips.push({ tone: 'none', label: 'No license', title: 'No role of this user takes a license.' });
  const held = licenses.some((l) => l.state === 'active' || l.state === 'grace');
  if (held) {
    const last = result.lastActiveAt ? Date.parse(result.lastActiveAt) : null;
    const days = last === null ? null : Math.floor((now - last) / DAY_MS);
    if (days === null) chips.push({ tone: 'inactive', label: 'Never active', title: 'Holds a license but has never been seen.' });
    else if (days >= inactivityDays) chips.push({ tone: 'inactive', label: `Inactive ${plural(days, 'day')}`, title: `Holds a license; last seen ${plural(days, 'day')} ago (window: ${plural(inactivityDays, 'day')}).` });
  }
  return chips;
}
