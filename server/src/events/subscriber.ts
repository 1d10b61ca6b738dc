import type { ChangeEvent } from '@seatwise/shared';
import { alertVisible, type Alert } from '../alerts/current.ts';
import type { Caller } from '../http/context.ts';
import type { FeedRow } from './feed.ts';

export type OutEvent = { id: string; event: 'change' | 'alert'; data: string };

/**
 * What one subscriber may see of an audit entry: changes inside their scope
 * (entries without an organization only for system admins), and raised
 * alerts they can see, as `alert` events carrying the alert.
 */
export function toEvent(caller: Caller, row: FeedRow): OutEvent | null {
  if (row.action === 'alert.raise') {
    if (!row.alert) return null;
    const alert = JSON.parse(row.alert) as Alert;
    if (!alertVisible(caller, alert)) return null;
    return { id: String(row.seq), event: 'alert', data: JSON.stringify({ ...alert, acknowledged: false }) };
  }
  const visible = caller.scope === null || (row.orgId !== null && caller.scope.has(row.orgId));
  if (!visible) return null;
  const change: ChangeEvent = { seq: row.seq, action: row.action, subjectType: row.subjectType, subjectId: row.subjectId, orgId: row.orgId, at: row.at };
  return { id: String(row.seq), event: 'change', data: JSON.stringify(change) };
}

/**
 * Entries after which a subscriber's authority must be looked up again: its
 * token revoked, its holder archived or moved, or the organization tree
 * changed under its scope. Checked before visibility: the holder's move out
 * of the subscriber's own scope is exactly the entry it would not see.
 */
export function changesAuthority(caller: Caller, row: FeedRow): boolean {
  if (row.action === 'token.revoke') return row.subjectId === caller.tokenId;
  if (row.action === 'user.archive' || row.action === 'user.transfer') return row.subjectId === caller.userId;
  return row.subjectType === 'org';
}
