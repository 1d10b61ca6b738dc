import type { Dashboard, Me, UserDetail } from '../api/types.ts';
import type { SessionInfo } from '../messaging/protocol.ts';

type DashboardPool = Dashboard['products'][number]['pools'][number];
const pool = (poolId: string, name: string, seats: number, assigned: number, state: DashboardPool['state'], endsAt: string, daysLeft: number, graceDaysLeft: number | null = null): DashboardPool => ({ poolId, name, orgId: 'o1', seats, assigned, held: 0, state, endsAt, daysLeft, graceDaysLeft });

export const dashboard = (): Dashboard => ({
  products: [
    { product: 'elearn', total: 100, assigned: 92, held: 0, available: 8, usagePct: 92, state: 'active', nextEndsAt: '2027-06-30T00:00:00.000Z', daysLeft: 200, waiting: 0, pools: [pool('p-el', 'District eLearn', 100, 92, 'active', '2027-06-30T00:00:00.000Z', 200)] },
    {
      product: 'weclimb', total: 50, assigned: 50, held: 0, available: 0, usagePct: 100, state: 'expiring', nextEndsAt: '2026-07-20T00:00:00.000Z', daysLeft: 21, waiting: 3,
      // A district pool with weeks left and a school pilot in grace: the headline is the district pool's.
      pools: [pool('p-wc', 'District weCLIMB', 40, 40, 'expiring', '2026-07-20T00:00:00.000Z', 21), pool('p-pilot', 'Riverside pilot', 10, 10, 'grace', '2026-06-17T00:00:00.000Z', -12, 18)],
    },
    { product: 'combined', total: 0, assigned: 0, held: 0, available: 0, usagePct: 0, state: null, nextEndsAt: null, daysLeft: null, waiting: 0, pools: [] },
  ],
  activeUsers: 80,
  utilizationPct: 56,
  inactiveAssignments: 14,
  waiting: 3,
  alerts: [],
});

export const me = (authority: Me['authority'] = 'org_admin'): Me =>
  ({
    user: { id: 'u1', email: 'admin@district.org', firstName: 'Ada', lastName: 'Admin', externalId: null, orgIds: ['o1'], status: 'active', roles: ['organization_administrator'], licenses: [], lastActiveAt: null },
    authority,
    canChange: authority === 'system_admin' || authority === 'org_admin',
    scope: { all: false, rootOrgId: 'o1', orgs: [{ id: 'o1', name: 'Lincoln District', parentId: null, externalId: null, products: ['elearn', 'weclimb'] }] },
  }) as Me;

export const session = (status: 'online' | 'signed_out' = 'online', authority?: Me['authority']): SessionInfo => ({
  serverUrl: 'http://127.0.0.1:8787',
  state: status === 'online' ? { status: 'online', live: true } : { status: 'signed_out' },
  me: status === 'online' ? me(authority) : null,
});

export const userDetail = (): UserDetail =>
  ({
    user: { id: 'u9', email: 'pat@district.org', firstName: 'Pat', lastName: 'Lee', externalId: 'MT-9', orgIds: ['o1'], status: 'active', roles: ['observer'], licenses: [{ product: 'weclimb', poolId: 'p2', sku: 'weclimb', state: 'waiting', since: '2026-05-01T00:00:00.000Z' }], lastActiveAt: null },
    activity: [],
    access: [
      { product: 'elearn', hasAccess: false, reason: 'No role of the user entitles eLearn.', fix: 'Grant one of: Learner.' },
      { product: 'weclimb', hasAccess: false, reason: 'Waiting for a free weCLIMB seat since 2026-05-01.', fix: 'Release a seat.' },
    ],
    events: [],
  }) as unknown as UserDetail;
