import { ROLES, SKUS } from '@seatwise/shared';
import { z } from 'zod';
import { invalid } from './errors.ts';
import { TIME_ZONES, type TimeZone } from './types.ts';

export const MAX_ROWS = 5000;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the format YYYY-MM-DD');
const page = z.coerce.number().int('Must be a whole number').min(1, 'Must be 1 or more').default(1);
const rows = (fallback: number) =>
  z.coerce.number().int('Must be a whole number').min(1, 'Must be 1 or more').max(MAX_ROWS, `At most ${MAX_ROWS}`).default(fallback);

export const userListQuery = z.object({
  page,
  rows: rows(25),
  role: z.enum(ROLES, 'Unknown role').optional(),
  org: z.string().max(100).optional(),
  q: z.string().max(200).optional(),
});
export type UserListQuery = z.infer<typeof userListQuery>;

export const claimsQuery = z.object({
  page,
  rows: rows(50),
  from: isoDate.optional(),
  to: isoDate.optional(),
  product: z.enum(SKUS, 'Unknown product').optional(),
});
export type ClaimsQuery = z.infer<typeof claimsQuery>;

const required = (label: string, max: number) =>
  z.string(`${label} is required`).trim().min(1, `${label} is required`).max(max, `${label} is too long`);

export const userForm = z.object({
  email: required('Email', 254).pipe(z.email('Enter a valid email address')),
  firstName: required('First Name', 100),
  lastName: required('Last Name', 100),
  middleInitial: z.string().trim().regex(/^[A-Za-z]?$/, 'One letter at most').default(''),
  stateEducatorId: z.string().trim().regex(/^[A-Za-z0-9-]{0,32}$/, 'Letters, digits and dashes, 32 at most').default(''),
  timeZone: z.enum(Object.keys(TIME_ZONES) as [TimeZone, ...TimeZone[]], 'Choose a time zone'),
  orgIds: z.array(z.string().max(100), 'Select at least one organization').min(1, 'Select at least one organization').max(50),
  roles: z.array(z.enum(ROLES, 'Unknown role'), 'Roles must be a list').max(ROLES.length),
});
export type UserForm = z.infer<typeof userForm>;

const userIds = z.array(z.string().max(100), 'Select at least one user').min(1, 'Select at least one user').max(MAX_ROWS);
export const bulkAction = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('add-role'), userIds, role: z.enum(ROLES, 'Choose a role') }),
    z.object({ action: z.literal('remove-role'), userIds, role: z.enum(ROLES, 'Choose a role') }),
    z.object({
      action: z.literal('change-organizations'),
      userIds,
      orgIds: z.array(z.string().max(100)).min(1, 'Select at least one organization').max(50),
    }),
  ],
  'Unknown bulk action',
);
export type BulkAction = z.infer<typeof bulkAction>;

/** Parses or throws the host's 400, one issue per field (the first problem found for it). */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const seen = new Set<string>();
  const issues = [];
  for (const issue of result.error.issues) {
    const path = issue.path.length ? String(issue.path[0]) : 'body';
    if (seen.has(path)) continue;
    seen.add(path);
    issues.push({ path, message: issue.message });
  }
  throw invalid(issues);
}
