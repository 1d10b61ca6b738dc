import { ROLES, type Role } from '@seatwise/shared/catalog';
import type { AdapterOverrides } from './overrides-schema.ts';
import { mergeSelectors, type MountPoint } from './selectors.ts';

/** System Admin → Users → Edit User. Defaults serve the stand-in host v1 (2026-11). */
export const editUserSelectors = {
  form: 'form#edit-user-form',
  /** Fallback for the user id when the form carries none: "User ID: MT-…". */
  externalIdText: '.user-external-id',
  email: 'input[name="email"]',
  firstName: 'input[name="firstName"]',
  lastName: 'input[name="lastName"]',
  orgs: 'select[name="orgIds"]',
  roleCheckboxes: 'input[type="checkbox"][name="roles"]',
  permissions: 'fieldset#user-permissions',
  saveButton: 'button[type="submit"]',
  /** The row of Send Invitation / Save / Cancel; Save-time notices go just above it. */
  actions: '.form-actions',
  /** Shown by the host after a successful save. */
  savedFlash: '#flash-messages .flash.alert-success',
  formErrors: '#form-errors:not([hidden])',
};

export interface RoleCheckbox {
  role: Role;
  label: string;
  input: HTMLInputElement;
  /** Where the role's hint and quick toggle go. */
  anchor: MountPoint;
}

export interface EditUserView {
  hostUserId: string;
  email: string;
  firstName: string;
  lastName: string;
  orgIds: string[];
  form: HTMLFormElement;
  checkboxes: RoleCheckbox[];
  saveButton: HTMLButtonElement | null;
  /** Where the license panel goes. */
  panelAnchor: MountPoint;
}

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

export function editUserAdapter(overrides?: AdapterOverrides | null) {
  const s = mergeSelectors('edit-user', editUserSelectors, overrides);
  const value = (form: Element, sel: string) => (form.querySelector<HTMLInputElement>(sel)?.value ?? '').trim();

  function readCheckboxes(form: Element): RoleCheckbox[] {
    return [...form.querySelectorAll<HTMLInputElement>(s.roleCheckboxes)].flatMap((input) => {
      if (!isRole(input.value)) return [];
      const label = input.closest('label') ?? (input.id ? form.querySelector(`label[for="${CSS.escape(input.id)}"]`) : null);
      return [{ role: input.value, label: label?.textContent?.trim() || input.value, input, anchor: { element: label ?? input, where: 'after' as const } }];
    });
  }

  return {
    selectors: s,
    read(form: HTMLFormElement, doc: ParentNode = document): EditUserView | null {
      const fromText = /([A-Za-z0-9_-]+)\s*$/.exec(doc.querySelector(s.externalIdText)?.textContent ?? '')?.[1];
      const hostUserId = form.getAttribute('data-user-id') || fromText || '';
      if (!hostUserId) return null;
      const orgs = form.querySelector<HTMLSelectElement>(s.orgs);
      const permissions = form.querySelector(s.permissions);
      return {
        hostUserId,
        email: value(form, s.email).toLowerCase(),
        firstName: value(form, s.firstName),
        lastName: value(form, s.lastName),
        orgIds: orgs ? [...orgs.selectedOptions].map((o) => o.value) : [],
        form,
        checkboxes: readCheckboxes(form),
        saveButton: form.querySelector<HTMLButtonElement>(s.saveButton),
        panelAnchor: permissions ? { element: permissions, where: 'after' } : { element: form, where: 'before' },
      };
    },
    /** Where Save-time notices go: above the form's buttons. */
    noticeAnchor(form: Element): MountPoint {
      const actions = form.querySelector(s.actions);
      return actions ? { element: actions, where: 'before' } : { element: form, where: 'append' };
    },
    /** The organizations ticked in the form now (unsaved picks included), in the host's order. */
    selectedOrgIds(form: Element): string[] {
      const orgs = form.querySelector<HTMLSelectElement>(s.orgs);
      return orgs ? [...orgs.selectedOptions].map((o) => o.value) : [];
    },
    /** Whether an event came from the organizations field. */
    isOrgsField(target: EventTarget | null): boolean {
      return target instanceof Element && target.matches(s.orgs);
    },
    /** Where the effect of a change of organizations goes: just below the field. */
    orgsAnchor(form: Element): MountPoint | null {
      const orgs = form.querySelector(s.orgs);
      return orgs ? { element: orgs, where: 'after' } : null;
    },
    /** The role set the host form would save now. */
    checkedRoles(form: Element): Role[] {
      return readCheckboxes(form).filter((c) => c.input.checked).map((c) => c.role);
    },
    readCheckboxes,
  };
}
export type EditUserAdapter = ReturnType<typeof editUserAdapter>;
