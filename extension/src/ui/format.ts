import { plural, SKU_LABELS, type PoolState, type Sku } from '@seatwise/shared/catalog';

export { plural };

const integer = new Intl.NumberFormat('en-US');
export const formatCount = (n: number) => integer.format(n);
export const formatPct = (n: number) => `${Math.round(n)}%`;

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** "just now", "5 min ago", "3 h ago", "12 days ago", or a date. */
export function formatAgo(at: number | string | null | undefined, now = Date.now()): string {
  if (at === null || at === undefined) return 'never';
  const t = typeof at === 'number' ? at : Date.parse(at);
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  const days = Math.round(s / 86_400);
  return days < 60 ? `${days} day${days === 1 ? '' : 's'} ago` : formatDate(new Date(t).toISOString());
}

export const POOL_STATE_LABELS: Record<PoolState, string> = { active: 'Active', expiring: 'Expiring', grace: 'In grace', expired: 'Expired' };
export type Tone = 'ok' | 'warn' | 'bad' | 'muted' | 'info';
export const POOL_STATE_TONES: Record<PoolState, Tone> = { active: 'ok', expiring: 'warn', grace: 'bad', expired: 'bad' };

/**
 * A pool's term in words. In grace the useful number is how long access
 * still lasts ("18 days of grace left"); without grace days, how long ago it ended.
 */
export function daysLeftText(daysLeft: number | null, state: PoolState | null, graceDaysLeft: number | null = null): string {
  if (daysLeft === null || state === null) return 'No pool';
  if (state === 'grace') return graceDaysLeft === null ? `ended ${plural(Math.abs(daysLeft), 'day')} ago` : `${plural(graceDaysLeft, 'day')} of grace left`;
  if (state === 'expired') return 'expired';
  return `${plural(daysLeft, 'day')} left`;
}

/** Usage tone: full or nearly full pools need attention even when the term is fine. */
export function usageTone(usagePct: number, total: number): Tone {
  if (total === 0) return 'muted';
  if (usagePct >= 100) return 'bad';
  if (usagePct >= 90) return 'warn';
  return 'ok';
}

export const skuLabel = (sku: Sku) => SKU_LABELS[sku];

/** Time until a moment, in whole minutes counted down: "14 min left", "under a minute left", "expired". */
export function formatTimeLeft(until: number | string, now = Date.now()): string {
  const ms = (typeof until === 'number' ? until : Date.parse(until)) - now;
  if (ms <= 0) return 'expired';
  const minutes = Math.floor(ms / 60_000);
  return minutes < 1 ? 'under a minute left' : `${minutes} min left`;
}
