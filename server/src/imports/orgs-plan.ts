import { idSchema, type Product } from '@seatwise/shared';
import { orgInScope } from '../http/scope.ts';
import { fieldLabel } from './columns.ts';
import { emptyReport, FirstSeen, Issues, type ImportPlan, type PlanInput } from './plan.ts';
import { nameSchema, parseProducts } from './values.ts';

/** One organization to create or update, named by the platform's id; its parent too (it may be created by the same import). */
export interface OrgItem {
  op: 'create' | 'update';
  ref: string;
  name: string;
  parent: string | null;
  /** Undefined: the file has no Products column, so activations stay. */
  products?: Product[];
}

/**
 * Reads an organizations file (`Organization ID, Organization Name, Parent
 * Organization ID, Products`) and works out what importing it would do.
 * Parents come before their children in the plan whatever the file's order.
 * An org admin may only add and change organizations inside their subtree; a
 * new top-level district takes a system admin.
 */
export async function planOrgs(input: PlanInput): Promise<ImportPlan> {
  const { caller, source } = input;
  const tree = caller.tree;
  const report = emptyReport('orgs', input);
  const issues = new Issues();
  const label = (field: string) => fieldLabel('orgs', source.columns(), field);
  const seen = new FirstSeen();
  const rows = new Map<string, OrgItem & { line: number }>();

  for await (const raw of source.rows) {
    report.rows++;
    const v = raw.values;
    const before = issues.list.length;
    const ref = idSchema.safeParse(v.externalId ?? '');
    if (!ref.success) issues.add(raw.line, label('externalId'), v.externalId ? `"${v.externalId}" is not an organization id (letters, digits, - and _)` : 'required');
    const name = nameSchema.safeParse(v.name ?? '');
    if (!name.success) issues.add(raw.line, label('name'), name.error.issues[0]!.message);
    const parent = v.parent ? idSchema.safeParse(v.parent) : null;
    if (parent && !parent.success) issues.add(raw.line, label('parent'), `"${v.parent}" is not an organization id`);
    const products = 'products' in v ? parseProducts(v.products) : null;
    if (products && !products.ok) issues.add(raw.line, label('products'), products.reason);
    if (issues.list.length > before) continue;
    const first = seen.check(ref.data!, raw.line);
    if (first !== undefined) {
      issues.add(raw.line, label('externalId'), `the same organization as line ${first}`);
      continue;
    }
    const existing = tree.resolve(ref.data!);
    rows.set(ref.data!, { line: raw.line, op: existing ? 'update' : 'create', ref: ref.data!, name: name.data!, parent: parent?.data ?? null, ...(products?.ok ? { products: products.value } : {}) });
  }

  /** Our id of a parent already on record, or the file's row that creates it. */
  const parentOf = (ref: string | null) => (ref === null ? null : (tree.resolve(ref) ?? (rows.has(ref) ? ref : undefined)));
  /** Whether the organization ends up inside the caller's subtree, following the file's new parents. */
  const inScopeAfter = (ref: string, depth = 0): boolean => {
    if (caller.scope === null) return true;
    const row = rows.get(ref);
    const existing = tree.resolve(ref);
    if (!row) return !!existing && orgInScope(caller, existing);
    if (depth > rows.size) return false;
    const parent = parentOf(row.parent);
    return !!parent && inScopeAfter(tree.get(parent)?.externalId ?? parent, depth + 1);
  };

  const ok = new Map<string, OrgItem & { line: number }>();
  for (const row of rows.values()) {
    const existing = tree.resolve(row.ref);
    const parent = parentOf(row.parent);
    if (parent === undefined) issues.add(row.line, label('parent'), `organization ${row.parent} not found in the file or your organizations`);
    else if (existing && caller.scope !== null && !orgInScope(caller, existing)) issues.add(row.line, label('externalId'), `organization ${row.ref} not found in your organizations`);
    else if (parent === null && caller.scope !== null && (!existing || tree.get(existing)!.parentId !== null)) issues.add(row.line, label('parent'), 'only a system administrator adds top-level organizations');
    else if (cycles(row.ref, rows, tree)) issues.add(row.line, label('parent'), 'an organization cannot sit below itself');
    else if (!inScopeAfter(row.ref)) issues.add(row.line, label('parent'), `organization ${row.parent} not found in your organizations`);
    else ok.set(row.ref, row);
  }

  const items: ImportPlan['items'] = [];
  const placed = new Set<string>();
  const place = (row: OrgItem & { line: number }) => {
    if (placed.has(row.ref)) return;
    placed.add(row.ref);
    const parentRow = row.parent ? ok.get(row.parent) : undefined;
    if (parentRow) place(parentRow);
    const existing = tree.get(tree.resolve(row.ref) ?? '');
    const parentId = row.parent ? (tree.resolve(row.parent) ?? row.parent) : null;
    if (!existing) report.created++;
    else if (existing.name === row.name && existing.parentId === parentId && (!row.products || row.products.join() === existing.products.join())) {
      report.unchanged++;
      return;
    } else report.updated++;
    const { line, ...item } = row;
    items.push({ line, key: row.ref, data: item });
  };
  for (const row of ok.values()) {
    // A row whose parent row was refused is refused too.
    if (row.parent && rows.has(row.parent) && !ok.has(row.parent) && !tree.resolve(row.parent)) issues.add(row.line, label('parent'), `organization ${row.parent} is on an invalid line`);
    else place(row);
  }
  report.invalid = issues.list.sort((a, b) => a.line - b.line);
  return { report, items };
}

/** True when following parents from `ref` (the file's new ones first) comes back to it. */
function cycles(ref: string, rows: Map<string, OrgItem>, tree: PlanInput['caller']['tree']): boolean {
  const seen = new Set<string>();
  const id = (r: string) => tree.resolve(r) ?? r;
  for (let cur: string | null = ref; cur; ) {
    const key = id(cur);
    if (seen.has(key)) return true;
    seen.add(key);
    const row: OrgItem | undefined = rows.get(cur) ?? rows.get(tree.get(key)?.externalId ?? '');
    cur = row ? row.parent : (tree.get(key)?.parentId ?? null);
  }
  return false;
}
