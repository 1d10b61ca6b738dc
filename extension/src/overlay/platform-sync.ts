import type { HostRecord } from '../adapters/host-records.ts';
import type { Backend } from '../messaging/client.ts';
import { keepHomeFirst } from './home-org.ts';
import { newIdempotencyKey } from './trusted.ts';

/**
 * The platform's own record of a user, synced to Seatwise as a host change
 * (never refused; through the outbox when Seatwise cannot be reached). The
 * home organization Seatwise knows stays first while the platform still
 * lists it; a blank name on the platform becomes something Seatwise accepts.
 */
export function syncPlatformRecord(backend: Backend, record: HostRecord, seatwiseOrgIds: readonly string[] = []) {
  return backend.request('users.sync', {
    email: record.email,
    firstName: record.firstName || record.email,
    lastName: record.lastName || '-',
    externalId: record.hostUserId,
    orgIds: keepHomeFirst(seatwiseOrgIds, record.orgIds),
    roles: record.roles,
    idempotencyKey: newIdempotencyKey(),
  });
}
