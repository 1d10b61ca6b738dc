import type { Org, Product, Role, Sku } from '@seatwise/shared';

/**
 * The demo district as plain data, generated deterministically so the
 * Seatwise seed and the stand-in host's own records describe the same people.
 */
/** Demo organizations are plain API organizations; none carries a platform id (the host uses ours). */
export type DemoOrg = Org;
export interface DemoUser {
  email: string;
  firstName: string;
  lastName: string;
  externalId: string;
  orgIds: string[];
  roles: Role[];
  /** Days since last activity per product; absent = never seen. */
  lastSeenDaysAgo: Partial<Record<Product, number>>;
}
export interface DemoPool {
  id: string;
  name: string;
  orgId: string;
  sku: Sku;
  seats: number;
  /** Relative to "now" in days, so the demo stays believable whenever it runs. */
  startsInDays: number;
  endsInDays: number;
  graceDays: number;
}
export interface DemoDistrict {
  orgs: DemoOrg[];
  users: DemoUser[];
  pools: DemoPool[];
  /** Users whose roles arrive as a host sync after the pools fill: they wait. */
  lateHostSyncs: DemoUser[];
  /** New hires added on the host yesterday, not yet in Seatwise: the overlay offers to sync them. */
  hostOnly: DemoUser[];
}

const FIRST = ['Maria', 'James', 'Aisha', 'Chen', 'Olivia', 'Noah', 'Priya', 'Liam', 'Sofia', 'Mateo', 'Emma', 'Ethan', 'Zara', 'Lucas', 'Hannah', 'Diego', 'Grace', 'Omar', 'Chloe', 'Samuel', 'Leah', 'Isaac', 'Nora', 'Gabriel', 'Ava', 'Elijah', 'Mia', 'Daniel', 'Ruth', 'Kenji', "Siobhan", 'Tomás', 'Fatima', 'Jonah', 'Ines', 'Malik'];
const LAST = ['Garcia', 'Johnson', 'Nguyen', 'Patel', 'Smith', 'Okafor', 'Kim', 'Martinez', 'Brown', 'Rossi', 'Cohen', 'Williams', 'Lopez', 'Anderson', 'Haddad', 'Murphy', "O'Brien", 'Schmidt', 'Tanaka', 'Clark', 'Lewis', 'Walker', 'Young', 'Hernandez', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill', 'Rivera', 'Campbell', 'Mitchell', 'Roberts'];

const SCHOOLS = [
  'Lakeview High School',
  'Riverside Middle School',
  'Cedar Elementary',
  'Maple Grove Elementary',
  'Northgate Middle School',
  'Summit Ridge High School',
  'Willow Creek Elementary',
  'Harbor Point Academy',
];

/** mulberry32: a tiny seeded PRNG so every run yields the same district. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_DISTRICT_ID = 'org_lakeview';

export function generateDemoDistrict(userCount = 2000): DemoDistrict {
  const rand = rng(20261128);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  const orgs: DemoOrg[] = [
    { id: DEMO_DISTRICT_ID, name: 'Lakeview Unified School District', parentId: null, externalId: null, products: ['elearn', 'weclimb'] },
    ...SCHOOLS.map((name, i) => ({
      id: `org_school_${i + 1}`,
      name,
      parentId: DEMO_DISTRICT_ID,
      externalId: null,
      // Harbor Point has not activated weCLIMB: the "product not activated" case.
      products: (name === 'Harbor Point Academy' ? ['elearn'] : ['elearn', 'weclimb']) as Product[],
    })),
  ];
  const schools = orgs.slice(1);

  const used = new Set<string>();
  const makeUser = (i: number, roles: Role[], orgIds: string[]): DemoUser => {
    const firstName = pick(FIRST);
    const lastName = pick(LAST);
    let local = `${firstName}.${lastName}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '');
    if (used.has(local)) local = `${local}${i}`;
    used.add(local);
    const lastSeenDaysAgo: DemoUser['lastSeenDaysAgo'] = {};
    for (const product of ['elearn', 'weclimb'] as const) {
      const r = rand();
      // ~70 % recently active, ~18 % drifting away, ~12 % never seen.
      if (r < 0.7) lastSeenDaysAgo[product] = Math.floor(rand() * 25);
      else if (r < 0.88) lastSeenDaysAgo[product] = 31 + Math.floor(rand() * 120);
    }
    return {
      email: `${local}@lakeview.k12.us`,
      firstName,
      lastName,
      externalId: `MT-${String(100001 + i)}`,
      orgIds,
      roles,
      lastSeenDaysAgo,
    };
  };

  const users: DemoUser[] = [];
  let i = 0;
  users.push(makeUser(i++, ['system_administrator'], [DEMO_DISTRICT_ID]));
  users.push(makeUser(i++, ['reporter'], [DEMO_DISTRICT_ID]));
  users.push(makeUser(i++, ['reporter', 'evaluator'], [DEMO_DISTRICT_ID]));
  for (const school of schools) {
    users.push(makeUser(i++, ['organization_administrator', 'observer'], [school.id]));
  }
  while (users.length < userCount) {
    const school = pick(schools);
    const r = rand();
    let roles: Role[];
    if (r < 0.5) roles = ['learner'];
    else if (r < 0.72) roles = ['learner', 'observable'];
    else if (r < 0.8) roles = ['observable'];
    else if (r < 0.86) roles = ['observer'];
    else if (r < 0.9) roles = ['observer', 'learner'];
    else if (r < 0.93) roles = ['evaluator'];
    else if (r < 0.96) roles = ['proctor', 'learner'];
    else if (r < 0.98) roles = ['publisher'];
    else roles = ['reporter'];
    // A few teachers serve two schools; the first is their home organization.
    const orgIds = rand() < 0.04 ? [school.id, pick(schools).id] : [school.id];
    users.push(makeUser(i++, roles, [...new Set(orgIds)]));
  }

  const lateHostSyncs: DemoUser[] = [];
  for (let k = 0; k < 6; k++) lateHostSyncs.push(makeUser(i++, ['observer'], [pick(schools.slice(0, 7)).id]));
  const hostOnly = [makeUser(i++, ['learner'], ['org_school_1']), makeUser(i++, ['reporter'], ['org_school_3'])];

  const pools: DemoPool[] = [
    // District-wide pools every school draws from.
    { id: 'pool_elearn_2026', name: 'Lakeview eLearn', orgId: DEMO_DISTRICT_ID, sku: 'elearn', seats: 1200, startsInDays: -300, endsInDays: 65, graceDays: 30 },
    { id: 'pool_weclimb_2026', name: 'Lakeview weCLIMB', orgId: DEMO_DISTRICT_ID, sku: 'weclimb', seats: 290, startsInDays: -340, endsInDays: 21, graceDays: 30 },
    { id: 'pool_combined_2026', name: 'Lakeview Combined', orgId: DEMO_DISTRICT_ID, sku: 'combined', seats: 420, startsInDays: -200, endsInDays: 165, graceDays: 30 },
    // A school's own weCLIMB pilot that ended last month: in grace now.
    { id: 'pool_weclimb_pilot', name: 'Riverside weCLIMB pilot', orgId: 'org_school_2', sku: 'weclimb', seats: 40, startsInDays: -380, endsInDays: -12, graceDays: 30 },
  ];

  return { orgs, users, pools, lateHostSyncs, hostOnly };
}
