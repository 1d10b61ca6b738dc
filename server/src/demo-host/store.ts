import type { Product, Sku } from '@seatwise/shared';
import { HostError, invalid } from './errors.ts';
import type { BulkAction, ClaimsQuery, UserForm, UserListQuery } from './schemas.ts';
import { neededProducts, type HostSeed } from './seed.ts';
import type { HostClaim, HostOrg, HostUser, LicenseCard } from './types.ts';

export interface Page<T> {
  items: T[];
  page: number;
  rows: number;
  total: number;
  pages: number;
}

function paginate<T>(all: T[], page: number, rows: number): Page<T> {
  const start = (page - 1) * rows;
  return { items: all.slice(start, start + rows), page, rows, total: all.length, pages: Math.max(1, Math.ceil(all.length / rows)) };
}

const byName = (a: HostUser, b: HostUser) =>
  a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName) || a.id.localeCompare(b.id);

/**
 * The stand-in host's own state, in memory. It knows nothing of Seatwise: it
 * saves what its forms send and, like the real platform, logs a license claim
 * when a saved role calls for a product the user did not need before.
 */
export class HostStore {
  private readonly users: Map<string, HostUser>;
  private readonly orgsById: Map<string, HostOrg>;
  private readonly claims: HostClaim[];
  private readonly licenses: LicenseCard[];
  readonly licensesAsOf: string;

  constructor(seed: HostSeed) {
    this.users = new Map(seed.users.map((u) => [u.id, u]));
    this.orgsById = new Map(seed.orgs.map((o) => [o.id, o]));
    this.claims = [...seed.claims];
    this.licenses = seed.licenses;
    this.licensesAsOf = seed.seededAt.toISOString();
  }

  orgs(): HostOrg[] {
    return [...this.orgsById.values()];
  }

  /** Every user, in the list's order: what the Users list's Export CSV writes. */
  allUsers(): HostUser[] {
    return [...this.users.values()].sort(byName);
  }

  listUsers(query: UserListQuery): Page<HostUser> {
    if (query.org && !this.orgsById.has(query.org)) throw invalid([{ path: 'org', message: 'Unknown organization' }]);
    const needle = query.q?.trim().toLowerCase();
    const matches = [...this.users.values()].filter(
      (u) =>
        (!query.role || u.roles.includes(query.role)) &&
        (!query.org || u.orgIds.includes(query.org)) &&
        (!needle || `${u.firstName} ${u.lastName} ${u.email} ${u.id}`.toLowerCase().includes(needle)),
    );
    return paginate(matches.sort(byName), query.page, query.rows);
  }

  getUser(id: string): HostUser {
    const user = this.users.get(id);
    if (!user) throw new HostError(404, 'not_found', `No user ${id}`);
    return user;
  }

  saveUser(id: string, form: UserForm): HostUser {
    const before = this.getUser(id);
    const email = form.email.toLowerCase();
    const clash = [...this.users.values()].find((u) => u.email === email && u.id !== id);
    if (clash) throw new HostError(409, 'conflict', 'Email is already in use', [{ path: 'email', message: 'Email is already in use' }]);
    this.checkOrgs(form.orgIds);
    const after: HostUser = { ...before, ...form, email, orgIds: [...new Set(form.orgIds)], roles: [...new Set(form.roles)] };
    this.replace(before, after);
    return after;
  }

  bulk(action: BulkAction): { updated: number } {
    const users = action.userIds.map((id) => this.users.get(id));
    const missing = action.userIds.filter((_, i) => !users[i]);
    if (missing.length) throw invalid([{ path: 'userIds', message: `Unknown users: ${missing.slice(0, 5).join(', ')}` }]);
    if (action.action === 'change-organizations') this.checkOrgs(action.orgIds);
    let updated = 0;
    for (const before of users as HostUser[]) {
      const after = { ...before };
      if (action.action === 'add-role' && !before.roles.includes(action.role)) after.roles = [...before.roles, action.role];
      else if (action.action === 'remove-role' && before.roles.includes(action.role)) after.roles = before.roles.filter((r) => r !== action.role);
      else if (action.action === 'change-organizations') after.orgIds = [...new Set(action.orgIds)];
      else continue;
      this.replace(before, after);
      updated++;
    }
    return { updated };
  }

  licenseCards(): LicenseCard[] {
    return this.licenses;
  }

  listClaims(query: ClaimsQuery): Page<HostClaim & { user: HostUser | undefined }> {
    const matches = this.claims.filter((claim) => {
      const day = claim.claimedAt.slice(0, 10);
      return (!query.from || day >= query.from) && (!query.to || day <= query.to) && (!query.product || claim.product === query.product);
    });
    const page = paginate(matches, query.page, query.rows);
    return { ...page, items: page.items.map((claim) => ({ ...claim, user: this.users.get(claim.userId) })) };
  }

  /** weCLIMB's observation log, derived from who observes whom in each school. */
  observations(limit = 60): { id: string; observer: HostUser; teacher: HostUser; orgId: string; scheduledFor: string; status: string }[] {
    const people = [...this.users.values()];
    const observers = people.filter((u) => u.roles.includes('observer') || u.roles.includes('evaluator'));
    const teachers = people.filter((u) => u.roles.includes('observable'));
    const statuses = ['Scheduled', 'In Progress', 'Submitted', 'Acknowledged'];
    const rows = [];
    for (let i = 0; i < teachers.length && rows.length < limit; i += 7) {
      const teacher = teachers[i]!;
      const orgId = teacher.orgIds[0] ?? '';
      const observer = observers.find((o) => o.orgIds.includes(orgId));
      if (!observer || !this.orgsById.get(orgId)?.products.includes('weclimb')) continue;
      const day = new Date(Date.parse(this.licensesAsOf) + ((i % 29) - 14) * 86_400_000);
      rows.push({ id: `OBS-${1000 + i}`, observer, teacher, orgId, scheduledFor: day.toISOString().slice(0, 10), status: statuses[i % 4]! });
    }
    return rows;
  }

  private checkOrgs(orgIds: string[]) {
    const unknown = orgIds.filter((id) => !this.orgsById.has(id));
    if (unknown.length) throw invalid([{ path: 'orgIds', message: `Unknown organization: ${unknown.join(', ')}` }]);
  }

  private productsOf(user: HostUser): Product[] {
    return neededProducts(user.roles, this.orgsById.get(user.orgIds[0] ?? '')?.products ?? []);
  }

  private replace(before: HostUser, after: HostUser) {
    this.users.set(after.id, after);
    const had = this.productsOf(before);
    const gained = this.productsOf(after).filter((p) => !had.includes(p));
    if (!gained.length) return;
    const sku: Sku = gained.length > 1 ? 'combined' : gained[0]!;
    const id = `CLM-${String(this.claims.length + 1).padStart(6, '0')}`;
    this.claims.unshift({ id, userId: after.id, product: sku, claimedAt: new Date().toISOString() });
  }
}
