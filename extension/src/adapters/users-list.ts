import { ROLES, type Role } from '@seatwise/shared/catalog';
import type { AdapterOverrides } from './overrides-schema.ts';
import { allWithin, mergeSelectors, type MountPoint } from './selectors.ts';

/** System Admin → Users. Defaults serve the stand-in host v1 (2026-11) and its README's markup contract. */
export const usersListSelectors = {
  table: 'table#users-table',
  /** A rendered user row (placeholder rows — loading, empty, error — carry no user id). */
  rows: 'tr.user-row[data-user-id]',
  nameCell: 'td.col-name',
  nameLink: 'a.user-name-link',
  emailCell: 'td.col-email',
  /** The row's checkbox; its value is the host user id. */
  rowSelect: 'input.row-select',
  orgs: 'td.col-orgs [data-org-id]',
  roles: 'td.col-roles [data-role]',
  bulkToolbar: '#bulk-actions',
  bulkPanel: 'form#bulk-panel',
  bulkRole: 'select[name="role"]',
  /** Change Organizations: the new authorized organizations (replace the old ones). */
  bulkOrgs: 'select[name="orgIds"]',
  selectedRows: 'tr.user-row input.row-select:checked',
  /** Shown by the host after a bulk action applied ("Updated N users."). */
  savedFlash: '#flash-messages .flash.alert-success',
  /** The open panel's error, when the host refused the bulk action. */
  formErrors: '#bulk-panel .bulk-error:not(:empty)',
};
export type UsersListSelectors = typeof usersListSelectors;

export interface UserRow {
  hostUserId: string;
  email: string;
  /** As the host shows it ("Last, First"). */
  name: string;
  firstName: string;
  lastName: string;
  orgIds: string[];
  roles: Role[];
  rowElement: Element;
  /** Where the row's chip group goes. */
  anchor: MountPoint;
}

export type BulkAction = { kind: 'add-role' | 'remove-role'; role: Role | null } | { kind: 'change-organizations'; orgIds: string[] };

const isRole = (r: string | null): r is Role => !!r && (ROLES as readonly string[]).includes(r);
const text = (el: Element | null | undefined) => el?.textContent?.trim() ?? '';

export function usersListAdapter(overrides?: AdapterOverrides | null) {
  const s = mergeSelectors('users-list', usersListSelectors, overrides);
  /** A row's host user id and where its chips go: cheap enough to take in the host's own render, before the full read. */
  const rowKey = (row: Element): Pick<UserRow, 'hostUserId' | 'anchor'> | null => {
    const hostUserId = row.getAttribute('data-user-id') || (row.querySelector<HTMLInputElement>(s.rowSelect)?.value ?? '');
    const emailCell = row.querySelector(s.emailCell);
    return hostUserId && emailCell ? { hostUserId, anchor: { element: emailCell, where: 'append' } } : null;
  };
  return {
    selectors: s,
    rowKey,
    readRow(row: Element): UserRow | null {
      const key = rowKey(row);
      if (!key) return null;
      const { hostUserId, anchor } = key;
      const emailCell = anchor.element;
      const email = text(emailCell).toLowerCase();
      const name = text(row.querySelector(s.nameLink) ?? row.querySelector(s.nameCell));
      const [last = '', first = ''] = name.includes(',') ? name.split(/,\s*/, 2) : ['', name];
      return {
        hostUserId,
        email,
        name,
        firstName: first.trim(),
        lastName: last.trim(),
        orgIds: allWithin(row, s.orgs).map((o) => o.getAttribute('data-org-id') ?? '').filter(Boolean),
        roles: allWithin(row, s.roles).map((r) => r.getAttribute('data-role')).filter(isRole),
        rowElement: row,
        anchor,
      };
    },
    /** The counts bar goes just above the table. */
    countsAnchor(table: Element): MountPoint {
      return { element: table, where: 'before' };
    },
    /** Bulk progress goes just below the Bulk Actions toolbar (the host removes its panel after Apply). */
    progressAnchor(toolbar: Element): MountPoint {
      return { element: toolbar, where: 'after' };
    },
    /** The seat effect goes at the end of the open bulk panel. */
    bulkEffectAnchor(panel: Element): MountPoint {
      return { element: panel, where: 'append' };
    },
    selectedIds(doc: ParentNode = document): string[] {
      return [...doc.querySelectorAll<HTMLInputElement>(s.selectedRows)].map((b) => b.value || b.closest('[data-user-id]')?.getAttribute('data-user-id') || '').filter(Boolean);
    },
    /** The open bulk panel's action, if any. */
    readBulkPanel(panel: Element): BulkAction | null {
      const action = panel.getAttribute('data-action');
      if (action === 'change-organizations') {
        const select = panel.querySelector<HTMLSelectElement>(s.bulkOrgs);
        return { kind: action, orgIds: select ? [...select.selectedOptions].map((o) => o.value) : [] };
      }
      if (action !== 'add-role' && action !== 'remove-role') return null;
      const role = panel.querySelector<HTMLSelectElement>(s.bulkRole)?.value ?? null;
      return { kind: action, role: isRole(role) ? role : null };
    },
  };
}
export type UsersListAdapter = ReturnType<typeof usersListAdapter>;
