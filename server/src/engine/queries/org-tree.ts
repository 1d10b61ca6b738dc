import type { Org } from '@seatwise/shared';
import type { DbOrTx } from '../../db/client.ts';
import { orgs } from '../../db/schema.ts';

/** An organization as the API shows it (the shared org schema): one shape for the tree, the demo and the stand-in host. */
export type OrgNode = Org;

/**
 * The organization tree, loaded whole: districts have hundreds of
 * organizations, not millions, and every scope and pool question walks it.
 */
export class OrgTree {
  readonly byId: Map<string, OrgNode>;
  private readonly byExternalId: Map<string, string>;
  private readonly children = new Map<string, string[]>();

  constructor(nodes: OrgNode[]) {
    this.byId = new Map(nodes.map((n) => [n.id, n]));
    this.byExternalId = new Map(nodes.filter((n) => n.externalId).map((n) => [n.externalId!, n.id]));
    for (const n of nodes) {
      if (!n.parentId) continue;
      const list = this.children.get(n.parentId) ?? [];
      list.push(n.id);
      this.children.set(n.parentId, list);
    }
  }

  get(id: string): OrgNode | undefined {
    return this.byId.get(id);
  }

  /** Our id for an organization named by our id or the platform's (ours wins a clash). */
  resolve(ref: string): string | undefined {
    return this.byId.has(ref) ? ref : this.byExternalId.get(ref);
  }

  /** The organization, then its parent, up to the root. */
  ancestors(id: string): string[] {
    const chain: string[] = [];
    for (let cur = this.byId.get(id); cur && !chain.includes(cur.id); cur = cur.parentId ? this.byId.get(cur.parentId) : undefined) {
      chain.push(cur.id);
    }
    return chain;
  }

  /** The organization and everything below it. */
  subtree(id: string): Set<string> {
    const out = new Set<string>();
    const stack = [id];
    while (stack.length) {
      const cur = stack.pop()!;
      if (out.has(cur) || !this.byId.has(cur)) continue;
      out.add(cur);
      stack.push(...(this.children.get(cur) ?? []));
    }
    return out;
  }

  /** True when `id` is `ancestorId` or lies below it. */
  isWithin(id: string, ancestorId: string): boolean {
    return this.ancestors(id).includes(ancestorId);
  }
}

export async function loadOrgTree(db: DbOrTx): Promise<OrgTree> {
  return new OrgTree(await orgTreeQuery(db));
}

/** The read behind the tree, built but not run (a planned change sends it in its snapshot batch). */
export const orgTreeQuery = (db: DbOrTx) => db.select({ id: orgs.id, name: orgs.name, parentId: orgs.parentId, externalId: orgs.externalId, products: orgs.products }).from(orgs);
