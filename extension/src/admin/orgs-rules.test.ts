import { DEFAULT_RULES, type Job } from '@seatwise/shared';
import { describe, expect, it } from 'vitest';
import type { LicenseEffect, RuleTable } from '../api/types.ts';
import { transferLines } from '../overlay/parts/edit-user-org-preview.tsx';
import { createFakeBackend } from '../testing/fake-backend.ts';
import { session } from '../testing/fixtures.ts';
import { createAdminPageState } from './admin-state.ts';
import { effectHeadline } from './license-effect.tsx';
import { createOrgsState, orgTree } from './orgs-state.ts';
import { createRulesState } from './rules-state.ts';

const effect = (over: Partial<LicenseEffect> = {}): LicenseEffect => ({ users: 4, gain: 0, lose: 0, wait: 0, served: 0, products: [], pools: [], ...over });
const job = (status: Job['status'], done: number): Job => ({ id: 'job_1', kind: 'reevaluate', status, total: 2, done, refused: 0, createdAt: '', finishedAt: null, items: [] });
const rules = (): RuleTable => Object.fromEntries(Object.entries(DEFAULT_RULES).map(([r, e]) => [r, [...e]])) as RuleTable;
const org = (id: string, parentId: string | null, products: ('elearn' | 'weclimb')[] = ['elearn']) => ({ id, name: `Org ${id}`, parentId, externalId: null, products });

describe('the Organizations and Rules tabs', () => {
  it('says a preview in words, plurals right', () => {
    expect(effectHeadline(effect())).toBe('No license changes (4 users checked).');
    expect(effectHeadline(effect({ users: 1, gain: 1 }))).toBe('1 user gains a license (1 user checked).');
    expect(effectHeadline(effect({ users: 1200, gain: 2, wait: 1, lose: 3 }))).toBe('2 users gain a license, 1 user waits for a seat, 3 users lose a license (1,200 users checked).');
  });

  it("roots the tree where the caller's scope starts", () => {
    const tree = orgTree([org('s2', 'd1'), org('s1', 'd1'), org('d1', null), org('c1', 's1')]);
    expect(tree.map((n) => n.org.id)).toEqual(['d1']);
    expect(tree[0]!.children.map((n) => n.org.id)).toEqual(['s1', 's2']);
    // An organization administrator of s1 sees s1 and below: s1 is the root.
    expect(orgTree([org('c1', 's1'), org('s1', 'd1')]).map((n) => n.org.id)).toEqual(['s1']);
  });

  it('applies exactly the products previewed, with one key for the previewed change, and follows the job', async () => {
    const polls = [job('running', 1), job('done', 2)];
    const backend = createFakeBackend({
      'session.get': session('online', 'system_admin'),
      'orgs.list': [org('d1', null, ['elearn'])],
      'orgs.preview': effect({ gain: 2 }),
      'orgs.update': (p) => ({ ...org('d1', null), products: p.patch.products ?? [], jobId: 'job_1' }),
      'imports.job': () => polls.shift()!,
    });
    const page = createAdminPageState(backend);
    await page.start(null);
    const state = createOrgsState(page);
    await state.load();
    expect(state.selected.value?.id).toBe('d1');
    state.toggleProduct('weclimb', true);
    await state.previewProducts();
    expect(state.flow.step.value).toBe('previewed');
    // Ticking again drops the preview: nothing unpreviewed is applied.
    state.toggleProduct('weclimb', false);
    expect(state.flow.step.value).toBe('idle');
    state.toggleProduct('weclimb', true);
    await state.previewProducts();
    await state.flow.apply();
    expect(state.flow.step.value).toBe('applied');
    expect(state.flow.job.value?.done).toBe(2);
    const updates = backend.calls.filter((c) => c.type === 'orgs.update').map((c) => c.payload as { patch: unknown; idempotencyKey: string });
    expect(updates).toMatchObject([{ patch: { products: ['elearn', 'weclimb'] } }]);
    expect(updates[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a refused apply keeps the preview and its key: applying again is the same request', async () => {
    const backend = createFakeBackend({
      'session.get': session('online', 'system_admin'),
      'rules.get': rules(),
      'rules.preview': effect({ gain: 1 }),
      'rules.save': { kind: 'unreachable', message: 'Cannot reach the server.', serverUrl: 'http://x' },
    });
    const page = createAdminPageState(backend);
    await page.start(null);
    const state = createRulesState(page);
    await state.load();
    expect(state.editable.value).toBe(true);
    state.toggle('reporter', 'elearn', true);
    expect(state.changedRoles.value).toEqual(['reporter']);
    await state.preview();
    expect(backend.calls.find((c) => c.type === 'rules.preview')?.payload).toEqual({ rules: { reporter: ['elearn'] } });
    await state.flow.apply();
    expect(state.flow.failure.value?.message).toBe('Cannot reach the server.');
    expect(state.flow.step.value).toBe('previewed');
    await state.flow.apply();
    const keys = backend.calls.filter((c) => c.type === 'rules.save').map((c) => (c.payload as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it('an organization administrator reads the rules but cannot edit them', async () => {
    const backend = createFakeBackend({ 'session.get': session('online', 'org_admin'), 'rules.get': rules() });
    const page = createAdminPageState(backend);
    await page.start(null);
    const state = createRulesState(page);
    await state.load();
    expect(state.editable.value).toBe(false);
  });

  it("words a platform move's license effect per product", () => {
    const base = { orgIds: ['s2'], homeOrgId: 's2' };
    expect(transferLines({ ...base, changes: [{ kind: 'released', product: 'weclimb', poolId: 'p', sku: 'weclimb' }] })).toEqual(['weCLIMB: loses the license (the seat goes back to a weCLIMB pool)']);
    expect(transferLines({ ...base, changes: [{ kind: 'released', product: 'elearn', poolId: 'p', sku: 'elearn' }, { kind: 'acquired', product: 'elearn', poolId: 'q', sku: 'combined' }] })).toEqual(['eLearn: the seat moves to a Combined pool']);
    expect(transferLines({ ...base, changes: [{ kind: 'released', product: 'weclimb', poolId: 'p', sku: 'weclimb' }, { kind: 'waiting', product: 'weclimb', poolId: null, sku: null }] })).toEqual(['weCLIMB: the seat goes back and the user waits for a seat (none free)']);
    expect(transferLines({ ...base, changes: [] })).toEqual([]);
  });
});
