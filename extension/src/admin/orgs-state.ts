import { computed, signal } from '@preact/signals';
import { PRODUCTS, type Product } from '@seatwise/shared/catalog';
import { toFailure, type Failure } from '../api/failure.ts';
import type { OrgView } from '../api/types.ts';
import type { AdminPageState } from './admin-state.ts';
import { createChangeFlow } from './change-flow.ts';

export interface OrgNode {
  org: OrgView;
  children: OrgNode[];
}

/**
 * The organizations as a tree: those whose parent the caller cannot see (an
 * organization administrator's own organization) are its roots. Names sort
 * each level.
 */
export function orgTree(orgs: readonly OrgView[]): OrgNode[] {
  const byName = (a: OrgNode, b: OrgNode) => a.org.name.localeCompare(b.org.name);
  const nodes = new Map(orgs.map((org) => [org.id, { org, children: [] as OrgNode[] }]));
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId ? nodes.get(node.org.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  for (const node of nodes.values()) node.children.sort(byName);
  return roots.sort(byName);
}

const sameProducts = (a: readonly Product[], b: readonly Product[]) => [...a].sort().join() === [...b].sort().join();

/**
 * The Organizations tab: the tree in the caller's scope, the organization
 * chosen, its activated products as edited (previewed, then applied) and its
 * platform id.
 */
export function createOrgsState(page: AdminPageState) {
  const { backend } = page;
  const orgs = signal<OrgView[] | null>(null);
  const failure = signal<Failure | null>(null);
  const selectedId = signal<string | null>(null);
  const draftProducts = signal<Product[]>([]);
  const platformId = signal('');
  const platformIdFailure = signal<Failure | null>(null);
  const platformIdSaved = signal(false);
  const savingPlatformId = signal(false);

  const tree = computed(() => (orgs.value ? orgTree(orgs.value) : []));
  const selected = computed(() => orgs.value?.find((o) => o.id === selectedId.value) ?? null);
  const productsChanged = computed(() => !!selected.value && !sameProducts(selected.value.products, draftProducts.value));

  const flow = createChangeFlow<{ orgId: string; products: Product[] }>(backend, {
    preview: ({ orgId, products }) => backend.request('orgs.preview', { orgId, patch: { products } }),
    apply: ({ orgId, products }, idempotencyKey) => backend.request('orgs.update', { orgId, patch: { products }, idempotencyKey }),
  });

  async function load() {
    try {
      orgs.value = await backend.request('orgs.list', {});
      failure.value = null;
      if (!selected.value && orgs.value.length) select(tree.value[0]!.org.id);
    } catch (error) {
      failure.value = toFailure(error);
    }
  }

  function select(id: string) {
    const org = orgs.value?.find((o) => o.id === id);
    if (!org) return;
    selectedId.value = id;
    draftProducts.value = PRODUCTS.filter((p) => org.products.includes(p));
    platformId.value = org.externalId ?? '';
    platformIdFailure.value = null;
    platformIdSaved.value = false;
    flow.reset();
  }

  function toggleProduct(product: Product, on: boolean) {
    draftProducts.value = PRODUCTS.filter((p) => (p === product ? on : draftProducts.value.includes(p)));
    flow.reset();
  }

  const previewProducts = () => selected.value && flow.preview({ orgId: selected.value.id, products: draftProducts.value });

  function editPlatformId(value: string) {
    platformId.value = value;
    platformIdSaved.value = false;
  }

  /** The platform id changes no license: it is saved at once (blank clears it). */
  async function savePlatformId() {
    const org = selected.value;
    if (!org) return;
    savingPlatformId.value = true;
    platformIdFailure.value = null;
    try {
      const value = platformId.value.trim();
      await backend.request('orgs.update', { orgId: org.id, patch: { externalId: value || null }, idempotencyKey: crypto.randomUUID() });
      platformIdSaved.value = true;
    } catch (error) {
      platformIdFailure.value = toFailure(error);
    } finally {
      savingPlatformId.value = false;
    }
  }

  return {
    orgs, failure, tree, selected, selectedId, draftProducts, productsChanged, flow,
    platformId, platformIdFailure, platformIdSaved, savingPlatformId,
    load, select, toggleProduct, previewProducts, editPlatformId, savePlatformId,
  };
}

export type OrgsState = ReturnType<typeof createOrgsState>;
