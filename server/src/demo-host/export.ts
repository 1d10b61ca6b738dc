import { ROLE_LABELS } from '@seatwise/shared';
import { stringify } from 'csv-stringify/sync';
import type { HostUser } from './types.ts';

/**
 * The platform's users export: its column names, several organizations or
 * roles joined with `;`, roles as its pages print them, a UTF-8 BOM and CRLF
 * line ends as spreadsheet exports have.
 */
export function usersCsv(users: HostUser[]): string {
  const rows = users.map((u) => [u.firstName, u.lastName, u.email, u.stateEducatorId, u.orgIds.join(';'), u.roles.map((r) => ROLE_LABELS[r]).join(';')]);
  return '\uFEFF' + stringify([['First Name', 'Last Name', 'Email', 'State Educator ID', 'Organizations', 'Roles'], ...rows], { record_delimiter: 'windows', escape_formulas: true });
}
