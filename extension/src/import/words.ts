import type { ImportKind } from '@seatwise/shared';

export const KIND_LABELS: Record<ImportKind, string> = { users: 'Users', orgs: 'Organizations', activity: 'Activity' };

/** What each kind's file is, in the platform's words. */
export const KIND_HINTS: Record<ImportKind, string> = {
  users: "The platform's Users export: First Name, Last Name, Email, State Educator ID, Organizations, Roles. Several organizations or roles in one cell are separated by ;, the first organization is the user's home.",
  orgs: 'Organization ID, Organization Name, Parent Organization ID, Products (eLearn;weCLIMB). Organizations keep the platform\'s own ids.',
  activity: 'One row per login or content use: Email or State Educator ID, Product, At (ISO, or the platform\'s MM/DD/YYYY hh:mm AM).',
};

export const MODE_CONSEQUENCES = {
  upsert: 'Adds the users the file names and updates what changed. Users the file does not name stay as they are.',
  sync: 'Also archives every user of the imported organizations whom the file does not name: their licenses end and their seats are released. The dry run lists them first.',
} as const;

const REFUSALS: Record<string, string> = {
  not_found: 'Refused while applying: the user or organization is outside your organizations (or no longer exists).',
  forbidden: 'Refused while applying: outside your organizations.',
  license_limit_reached: 'Refused while applying: no seat was free.',
  conflict: 'Refused while applying: the record changed meanwhile; import it again.',
  internal: 'Failed on the server while applying; import it again.',
};

/** A job's refusal code in words. */
export const refusalReason = (code: string | null) => REFUSALS[code ?? ''] ?? `Refused while applying (${code ?? 'no reason given'}).`;
