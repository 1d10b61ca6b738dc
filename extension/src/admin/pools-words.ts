import type { LicenseState } from '@seatwise/shared/catalog';
import type { Pool, PoolPreview } from '../api/types.ts';
import { daysLeftText, formatDate, plural, POOL_STATE_LABELS } from '../ui/format.ts';

/** "1 license resumes", "2 licenses resume": the verb agrees with the count. */
const verb = (n: number, one: string, many: string) => (n === 1 ? one : many);

const LICENSE_STATE_WORDS: Record<LicenseState, string> = { active: 'active', grace: 'in grace', suspended: 'suspended', waiting: 'waiting' };

/** What happens to the licenses on the pool's seats, or null when their state stays. */
function licenseWords({ count, before, after }: PoolPreview['licenses']): string | null {
  if (count === 0) return null;
  if (before === after) return `${plural(count, 'license')} ${verb(count, 'stays', 'stay')} ${LICENSE_STATE_WORDS[after]}.`;
  const moved: Partial<Record<LicenseState, string>> = {
    active: before === 'suspended' ? `${plural(count, 'suspended license')} ${verb(count, 'resumes', 'resume')}: access is back at once.` : `${plural(count, 'license')} in grace ${verb(count, 'becomes', 'become')} active again.`,
    grace: `${plural(count, 'license')} ${verb(count, 'goes', 'go')} into grace: access lasts until grace ends.`,
    suspended: `${plural(count, 'license')} would be suspended: ${verb(count, 'its holder loses', 'their holders lose')} access until the pool is renewed.`,
  };
  return moved[after] ?? null;
}

/** The waiting users a change serves, named (as far as the caller may see them). */
function servedWords({ count, users }: PoolPreview['served']): string | null {
  if (count === 0) return null;
  const named = users.slice(0, 5).map((u) => u.name);
  const more = count - named.length;
  const list = named.length ? `: ${named.join(', ')}${more > 0 ? ` and ${plural(more, 'other')}` : ''}` : '';
  return `${plural(count, 'waiting user')} ${verb(count, 'gets', 'get')} a seat${list}.`;
}

/** A pool's term and seats after the change, as one sentence. */
function afterWords(p: Pool): string {
  const term = p.state === 'expired' ? 'expired' : `${POOL_STATE_LABELS[p.state].toLowerCase()} until ${formatDate(p.endsAt)} (${daysLeftText(p.daysLeft, p.state)})`;
  return `The pool would be ${term}, with ${plural(p.assigned, 'license')} on ${plural(p.seats, 'seat')} and ${plural(p.available, 'seat')} left.`;
}

/**
 * A preview in words, one sentence per effect: licenses resumed or
 * suspended, users served, over-allocation (nobody loses a license), the pool after.
 */
export function previewSentences(p: PoolPreview): string[] {
  const lines = [licenseWords(p.licenses), servedWords(p.served)];
  if (p.overAllocatedBy > 0) {
    const n = p.overAllocatedBy;
    lines.push(`Nobody loses a license, but the pool would be over-allocated by ${plural(n, 'seat')}: it gives out no seats until ${plural(n, 'license')} ${verb(n, 'is', 'are')} released.`);
  } else if (p.after.waiting > 0 && p.served.count === 0) {
    lines.push(`${plural(p.after.waiting, 'user')} still ${verb(p.after.waiting, 'waits', 'wait')} for a seat.`);
  }
  if (p.licenses.count === 0 && p.served.count === 0) lines.push('No license changes.');
  lines.push(afterWords(p.after));
  return lines.filter((l): l is string => !!l);
}

/** Held and waiting in one cell: "2 held · 1 waiting", or "—". */
export function heldWaiting(p: Pool): string {
  const parts = [p.held && `${p.held} held`, p.waiting && `${p.waiting} waiting`].filter(Boolean);
  return parts.length ? parts.join(' · ') : '—';
}

/** A pool's seats and overage allowance: "40 seats + 10% overage". */
export const seatsWords = (p: Pick<Pool, 'seats' | 'overagePct'>) => `${plural(p.seats, 'seat')}${p.overagePct ? ` + ${p.overagePct}% overage` : ''}`;
