import { ROLE_LABELS, ROLES, type Role } from '@seatwise/shared/catalog';
import type { UserDetail } from '../api/types.ts';

/** A user's roles and organizations as one side holds them. */
export interface Side {
  roles: readonly Role[];
  orgIds: readonly string[];
}

/** Where the platform and Seatwise disagree about one user. */
export interface Drift {
  platform: Side;
  seatwise: Side;
  roles: boolean;
  orgs: boolean;
  /** Seatwise archived the user; the platform still lists them. */
  archived: boolean;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** The difference, or null when both sides hold the same roles and organizations (in any order). */
export function driftOf(platform: Side, seatwise: Side & { archived?: boolean }): Drift | null {
  const roles = !sameSet(platform.roles, seatwise.roles);
  const orgs = !sameSet(platform.orgIds, seatwise.orgIds);
  const archived = seatwise.archived === true;
  return roles || orgs || archived ? { platform, seatwise, roles, orgs, archived } : null;
}

const roleList = (roles: readonly Role[]) => (roles.length ? roles.map((r) => ROLE_LABELS[r]).sort().join(', ') : 'no roles');

/** Both sides in words, one line per thing that differs: "Platform: Learner · Seatwise: Learner, Observer". */
export function driftLines(d: Drift, orgName: (id: string) => string): string[] {
  const orgList = (ids: readonly string[]) => (ids.length ? ids.map(orgName).join(', ') : 'none');
  const lines: string[] = [];
  if (d.roles) lines.push(`Platform: ${roleList(d.platform.roles)} · Seatwise: ${roleList(d.seatwise.roles)}`);
  if (d.orgs) lines.push(`Platform organizations: ${orgList(d.platform.orgIds)} · Seatwise: ${orgList(d.seatwise.orgIds)}`);
  if (d.archived) lines.push('Platform: active · Seatwise: archived');
  return lines;
}

/** A change Seatwise made that the platform does not show yet, and the step that applies it there. */
export interface Pending {
  what: string;
  step: string;
}

type Event = Pick<UserDetail['events'][number], 'action' | 'at' | 'before' | 'after'>;
const field = (v: unknown, key: string) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined);
const day = (iso: string) => iso.slice(0, 10);

/**
 * Which differences Seatwise made itself (its own API: a grant, a bulk
 * change, a transfer, an archive), read from the user's recent events,
 * newest first: the last event about a role or the organizations decides. A
 * difference the platform made (or that no recent event explains) is not
 * pending: the platform is where roles really live.
 */
export function pendingOnPlatform(d: Drift, events: readonly Event[], orgName: (id: string) => string): Pending[] {
  const pending: Pending[] = [];
  const lastAbout = (role: Role) => events.find((e) => (e.action === 'role.grant' && field(e.after, 'role') === role) || (e.action === 'role.revoke' && field(e.before, 'role') === role));
  const bySeatwise = (e: Event | undefined) => !!e && field(e.after, 'source') === 'seatwise';
  if (d.roles) {
    for (const role of ROLES) {
      const inSeatwise = d.seatwise.roles.includes(role);
      if (inSeatwise === d.platform.roles.includes(role)) continue;
      const last = lastAbout(role);
      if (!bySeatwise(last) || (last!.action === 'role.grant') !== inSeatwise) continue;
      const label = ROLE_LABELS[role];
      pending.push(
        inSeatwise
          ? { what: `${label} granted in Seatwise on ${day(last!.at)}`, step: `On the platform: Edit User → tick ${label} → Save.` }
          : { what: `${label} revoked in Seatwise on ${day(last!.at)}`, step: `On the platform: Edit User → untick ${label} → Save.` },
      );
    }
  }
  if (d.orgs) {
    const last = events.find((e) => e.action === 'user.transfer');
    const to = field(last?.after, 'orgIds');
    if (bySeatwise(last) && Array.isArray(to) && sameSet(to as string[], d.seatwise.orgIds)) {
      const names = d.seatwise.orgIds.map(orgName).join(', ');
      pending.push({ what: `Moved to ${names} in Seatwise on ${day(last!.at)}`, step: `On the platform: Edit User → Organizations: select ${names} → Save.` });
    }
  }
  if (d.archived) pending.push({ what: 'Archived in Seatwise', step: 'On the platform: deactivate or remove this user.' });
  return pending;
}
