import { plural, PRODUCT_LABELS } from '@seatwise/shared/catalog';
import type { LookupResult } from '@seatwise/shared';

export type ChipTone = 'elearn' | 'weclimb' | 'combined' | 'none' | 'waiting' | 'suspended' | 'grace' | 'inactive' | 'unknown' | 'outside' | 'drift';

/** One chip: its text always says what its colour says. */
export interface Chip {
  tone: ChipTone;
  label: string;
  /** Longer words for the tooltip. */
  title: string;
}

const DAY_MS = 86_400_000;

export const OUTSIDE_CHIP: Chip = { tone: 'outside', label: 'Outside your organizations', title: 'The platform lists this user in organizations outside yours: Seatwise shows nothing about them to you.' };

/**
 * The chips of one user row, from the lookup answer: a Combined seat shows
 * once (it covers both products), waiting and suspended licenses say which
 * product, and a licensed user idle for the window (since the later of the
 * last use and the license's start) is "Inactive N days" or "Never active".
 */
export function chipsFor(result: LookupResult | undefined, { inactivityDays, now = Date.now(), outside = false }: { inactivityDays: number; now?: number; /** The host lists the user only in organizations outside the caller's. */ outside?: boolean }): Chip[] {
  if (!result) return [];
  // Outside the caller's organizations the server answers as for an unknown user: say where the user is, never "not in Seatwise".
  if (!result.user && outside) return [OUTSIDE_CHIP];
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
  const held = licenses.filter((l) => l.state === 'active' || l.state === 'grace');
  if (held.length) {
    // Idle since the later of the last use and the first license held: a license granted
    // yesterday has not had its chance yet, so it is neither "never active" nor inactive.
    const licensedAt = Math.min(...held.map((l) => Date.parse(l.since)));
    const last = result.lastActiveAt ? Date.parse(result.lastActiveAt) : null;
    const days = Math.floor((now - Math.max(last ?? licensedAt, licensedAt)) / DAY_MS);
    if (days >= inactivityDays) {
      chips.push(
        last === null
          ? { tone: 'inactive', label: 'Never active', title: `Holds a license since ${new Date(licensedAt).toISOString().slice(0, 10)} and has never been seen.` }
          : { tone: 'inactive', label: `Inactive ${plural(days, 'day')}`, title: `Holds a license; last seen ${plural(days, 'day')} ago (window: ${plural(inactivityDays, 'day')}).` },
      );
    }
  }
  return chips;
}
