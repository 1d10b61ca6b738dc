import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { createFakeBackend, tick } from '../testing/fake-backend.ts';
import { session } from '../testing/fixtures.ts';
import { ImportApp } from './import-app.tsx';
import { createImportPageState } from './import-state.ts';

const files = { stage: async () => '0b5c1e2a-1d4f-4f3a-9a51-5c7e0d9b2f10', unstage: async () => {} };

async function shown(answers: Parameters<typeof createFakeBackend>[0]) {
  const backend = createFakeBackend(answers);
  const root = document.createElement('div');
  act(() => render(<ImportApp state={createImportPageState(backend, files)} />, root));
  await act(async () => {
    await tick();
    await tick();
  });
  return { root, backend };
}

describe('the Import page before a file', () => {
  it('tells a reporter that imports are for administrators, and asks the server nothing more', async () => {
    const { root, backend } = await shown({ 'session.get': session('online', 'reporter') });
    expect(root.textContent).toContain('Imports are for administrators');
    expect(root.querySelector('input[type=file]')).toBeNull();
    expect(backend.calls.map((c) => c.type)).toEqual(['session.get']);
  });

  it('asks to sign in when signed out', async () => {
    const { root } = await shown({ 'session.get': session('signed_out') });
    expect(root.textContent).toContain('Not signed in');
    expect(root.querySelector('button')?.textContent).toBe('Open options');
  });

  it('says the server cannot be reached rather than "not signed in" when it is away', async () => {
    const away = { serverUrl: 'http://127.0.0.1:8787', state: { status: 'unreachable' as const, serverUrl: 'http://127.0.0.1:8787', message: 'Cannot reach the server at http://127.0.0.1:8787.', retryAt: null }, me: null };
    const { root } = await shown({ 'session.get': away });
    expect(root.textContent).toContain('Server unreachable');
    expect(root.textContent).toContain('Cannot reach the server at http://127.0.0.1:8787.');
    expect(root.textContent).not.toContain('Not signed in');
  });

  it('shows an admin the drop zone and reads the district\'s saved mapping', async () => {
    const { root, backend } = await shown({ 'session.get': session('online', 'org_admin'), 'imports.mapping': { districtId: 'o1', kind: 'users', columns: {}, fields: {} as never } });
    expect(root.textContent).toContain('Drop a CSV file here');
    expect(backend.calls.at(-1)).toEqual({ type: 'imports.mapping', payload: { kind: 'users', orgId: 'o1' } });
  });
});
