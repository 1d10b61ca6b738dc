import type { Org, Role, Sku } from '@seatwise/shared';

export const APPS = ['elearn', 'weclimb'] as const;
export type HostApp = (typeof APPS)[number];

/** The time zones the host's user form offers, value → label. */
export const TIME_ZONES = {
  'America/New_York': 'Eastern Time (US & Canada)',
  'America/Chicago': 'Central Time (US & Canada)',
  'America/Denver': 'Mountain Time (US & Canada)',
  'America/Phoenix': 'Arizona',
  'America/Los_Angeles': 'Pacific Time (US & Canada)',
  'America/Anchorage': 'Alaska',
  'Pacific/Honolulu': 'Hawaii',
} as const;
export type TimeZone = keyof typeof TIME_ZONES;

/** The host's organization record: the shared organization shape less `externalId`, since the host's own id is what Seatwise calls the external id. */
export type HostOrg = Omit<Org, 'externalId'>;

/** The host platform's own user record; `id` is its user id (e.g. MT-100001). */
export interface HostUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  middleInitial: string;
  stateEducatorId: string;
  timeZone: string;
  orgIds: string[];
  roles: Role[];
}

export interface HostClaim {
  id: string;
  userId: string;
  product: Sku;
  claimedAt: string;
}

export interface LicenseCard {
  product: Sku;
  total: number;
  assigned: number;
  available: number;
  usagePercent: number;
}
