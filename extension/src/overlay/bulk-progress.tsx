import type { Signal } from '@preact/signals';
import { plural } from '@seatwise/shared/catalog';

/** Where a host bulk action's sync to Seatwise stands. */
export interface BulkSync {
  /**
   * `checking`: the platform's records are read again; `syncing`: the one request to Seatwise is out;
   * `queued`: Seatwise cannot be reached, the change waits in the outbox and is sent when it can be.
   */
  status: 'checking' | 'syncing' | 'queued' | 'done' | 'failed';
  /** Users the action was applied to on the host. */
  total: number;
  /** Of those, whose record has been read again so far. */
  checked: number;
  /** Synced to Seatwise (the platform really changed their record). */
  applied: number;
  /** The platform's record shows no change (or could not be read): nothing to sync. */
  unchanged: number;
  /** `failed`: why nothing was synced. */
  message?: string;
}

function line(s: BulkSync): string {
  switch (s.status) {
    case 'checking':
      return `Reading the platform’s records… ${s.checked} of ${s.total}`;
    case 'syncing':
      return `Syncing ${plural(s.applied, 'user')} to Seatwise…`;
    case 'queued':
      return `Seatwise cannot be reached: ${plural(s.applied, 'user')} will be synced as soon as it can be`;
    case 'done':
      return `Done: ${s.applied} applied${s.unchanged ? `, ${s.unchanged} unchanged on the platform` : ''}`;
    case 'failed':
      return `Not synced to Seatwise: ${s.message}`;
  }
}

/** The bar under the host's bulk toolbar: one line of words and a progress bar, nothing else. */
export function BulkProgress({ sync }: { sync: Signal<BulkSync | null> }) {
  const s = sync.value;
  if (!s) return null;
  const pct = s.status === 'checking' ? (s.total ? Math.round((s.checked / s.total) * 100) : 100) : s.status === 'syncing' ? null : 100;
  return (
    <div class={`bar${s.status === 'failed' || s.status === 'queued' ? ' warn' : ''}`} role="status" aria-label="Seatwise bulk change" data-job-status={s.status}>
      <span class="bar-title"><span class="brand-dot" />Seatwise bulk change</span>
      <span>{line(s)}</span>
      {s.status !== 'failed' && s.status !== 'queued' && (
        // No value while the one request is out: an indeterminate bar rather than a made-up figure.
        <span class="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined} aria-label="Bulk change progress">
          <span style={`width:${pct ?? 100}%`} />
        </span>
      )}
    </div>
  );
}
