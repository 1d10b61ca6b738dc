import { describe, expect, it, vi } from 'vitest';
import type { PageKind } from '../adapters/index.ts';
import { defineFeature } from './feature.ts';
import { startFeatureManager } from './feature-manager.ts';

function setup(initial: PageKind | null) {
  let kind = initial;
  let navigate = () => undefined as void;
  const inits: string[] = [];
  const aborted: string[] = [];
  const feature = (id: string, pages: PageKind[]) =>
    defineFeature({ id, description: id, pages, init: (signal) => (inits.push(id), signal.addEventListener('abort', () => aborted.push(id))) });
  const controller = new AbortController();
  const manager = startFeatureManager(
    {
      features: [feature('a', ['users-list']), feature('b', ['users-list', 'edit-user']), defineFeature({ id: 'boom', description: '', pages: ['users-list'], init: () => { throw new Error('boom'); } })],
      pageKind: () => kind,
      onNavigation: (cb) => ((navigate = cb), () => undefined),
      context: { backend: {} as never, adapters: {} as never, inactivityDays: 30, canChange: true, status: {} as never, inScope: () => true, orgName: (id) => id },
      report: vi.fn(),
    },
    controller.signal,
  );
  return { manager, controller, inits, aborted, go: (k: PageKind | null) => ((kind = k), navigate()) };
}

describe('feature manager', () => {
  it('runs the features of the page kind, and a failing one does not stop the others', () => {
    const t = setup('users-list');
    expect(t.inits).toEqual(['a', 'b']);
  });

  it('aborts on navigation to another page kind and starts that page’s features', () => {
    const t = setup('users-list');
    t.go('edit-user');
    expect(t.aborted).toEqual(['a', 'b']);
    expect(t.inits).toEqual(['a', 'b', 'b']);
  });

  it('does not restart when nothing changed, and stops everything when its own signal aborts', () => {
    const t = setup('users-list');
    t.go('users-list');
    expect(t.inits).toEqual(['a', 'b']);
    t.controller.abort();
    expect(t.aborted).toEqual(['a', 'b']);
    expect(t.manager.pageSignal?.aborted).toBe(true);
  });

  it('runs nothing on pages it does not know', () => {
    expect(setup(null).inits).toEqual([]);
  });
});
