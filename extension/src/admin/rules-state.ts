import { computed, signal } from '@preact/signals';
import { PRODUCTS, ROLES, type Role, type RuleEntitlement } from '@seatwise/shared/catalog';
import { toFailure, type Failure } from '../api/failure.ts';
import type { RuleTable } from '../api/types.ts';
import type { AdminPageState } from './admin-state.ts';
import { createChangeFlow } from './change-flow.ts';

/** The table's columns: each product, then "every product the organization activated". */
export const ENTITLEMENTS: readonly RuleEntitlement[] = [...PRODUCTS, 'activated'];

const sorted = (list: readonly RuleEntitlement[]) => ENTITLEMENTS.filter((e) => list.includes(e));
const same = (a: readonly RuleEntitlement[], b: readonly RuleEntitlement[]) => sorted(a).join() === sorted(b).join();

/**
 * The Rules tab: the role → product table as saved and as edited; only the
 * roles whose rule changed are previewed and saved.
 */
export function createRulesState(page: AdminPageState) {
  const { backend } = page;
  const saved = signal<RuleTable | null>(null);
  const draft = signal<RuleTable | null>(null);
  const failure = signal<Failure | null>(null);
  const editable = computed(() => page.me.value?.authority === 'system_admin');

  /** The roles whose rule the draft changes, with their new rule. */
  const changes = computed(() => {
    const before = saved.value;
    const after = draft.value;
    if (!before || !after) return {};
    return Object.fromEntries(ROLES.filter((r) => !same(before[r], after[r])).map((r) => [r, sorted(after[r])])) as Partial<RuleTable>;
  });
  const changedRoles = computed(() => Object.keys(changes.value) as Role[]);

  const flow = createChangeFlow<Partial<RuleTable>>(backend, {
    preview: (rules) => backend.request('rules.preview', { rules }),
    apply: (rules, idempotencyKey) => backend.request('rules.save', { rules, idempotencyKey }),
  });

  /** Re-reads the saved rules; an edit in progress is kept (only a fresh page or a save replaces it). */
  async function load() {
    try {
      const rules = await backend.request('rules.get', {});
      const editing = changedRoles.value.length > 0 && flow.step.peek() !== 'applied';
      saved.value = rules;
      if (!editing) draft.value = rules;
      failure.value = null;
    } catch (error) {
      failure.value = toFailure(error);
    }
  }

  function toggle(role: Role, entitlement: RuleEntitlement, on: boolean) {
    if (!draft.value) return;
    const current = draft.value[role];
    draft.value = { ...draft.value, [role]: sorted(on ? [...current, entitlement] : current.filter((e) => e !== entitlement)) };
    flow.reset();
  }

  function discard() {
    draft.value = saved.value;
    flow.reset();
  }

  const preview = () => changedRoles.value.length > 0 && flow.preview(changes.value);

  return { saved, draft, failure, editable, changes, changedRoles, flow, load, toggle, discard, preview };
}

export type RulesState = ReturnType<typeof createRulesState>;
