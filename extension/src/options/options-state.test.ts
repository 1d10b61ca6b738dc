import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { adapterOverridesItem, hostOriginsItem, inactivityDaysItem } from '../storage/items.ts';
import { createFakeBackend } from '../testing/fake-backend.ts';
import { session } from '../testing/fixtures.ts';
import { createOptionsState } from './options-state.ts';

function setup(signIn: unknown = session('online', 'system_admin'), granted = true) {
  const backend = createFakeBackend({ 'session.get': session('signed_out'), 'session.signIn': signIn as never, 'origins.sync': { origins: [], scripts: 0 } });
  const permissions = { request: vi.fn(async () => granted), remove: vi.fn(async () => true) };
  return { backend, permissions, state: createOptionsState(backend, permissions) };
}

describe('createOptionsState', () => {
  beforeEach(() => fakeBrowser.reset());

  it('signs in and says who, with which authority and organizations', async () => {
    const { state, backend } = setup();
    await state.load();
    expect(state.serverUrl.value).toBe('http://127.0.0.1:8787');
    state.token.value = 'sw_demo_system_admin';
    await state.signIn();
    expect(backend.calls.at(-1)).toEqual({ type: 'session.signIn', payload: { serverUrl: 'http://127.0.0.1:8787', token: 'sw_demo_system_admin' } });
    expect(state.signedInText.value).toBe('Signed in as admin@district.org (System administrator)');
    expect(state.orgs.value.map((o) => o.name)).toEqual(['Lincoln District']);
    expect(state.token.value).toBe('');
  });

  it("shows the server's refusal in plain words", async () => {
    const { state } = setup({ kind: 'revoked', message: 'The server did not accept the API token: unknown token' });
    state.token.value = 'bad';
    await state.signIn();
    expect(state.signInFailure.value?.message).toBe('The server did not accept the API token: unknown token');
    expect(state.signedInText.value).toBeNull();
  });

  it('adds an origin only after the permission prompt grants it, then re-registers scripts', async () => {
    const { state, permissions, backend } = setup();
    state.originInput.value = 'elearn.district.org/admin/users';
    await state.addOrigin();
    expect(permissions.request).toHaveBeenCalledWith(['https://elearn.district.org/*']);
    expect(await hostOriginsItem.getValue()).toEqual(['https://elearn.district.org']);
    expect(backend.calls.at(-1)?.type).toBe('origins.sync');
    await state.removeOrigin('https://elearn.district.org');
    expect(await hostOriginsItem.getValue()).toEqual([]);
    expect(permissions.remove).toHaveBeenCalledWith(['https://elearn.district.org/*']);
  });

  it('keeps the list unchanged when the permission is refused or the origin is bad', async () => {
    const { state } = setup(undefined, false);
    state.originInput.value = 'https://weclimb.district.org';
    await state.addOrigin();
    expect(state.originError.value).toMatch(/not granted/);
    state.originInput.value = 'ftp://x.org';
    await state.addOrigin();
    expect(state.originError.value).toMatch(/Only http and https/);
    expect(await hostOriginsItem.getValue()).toEqual([]);
  });

  it('stores the inactivity window', async () => {
    const { state } = setup();
    await state.setInactivityDays(90);
    expect(await inactivityDaysItem.getValue()).toBe(90);
  });

  it('validates selector overrides, saves valid ones and resets to built-in', async () => {
    const { state } = setup();
    state.editOverrides('{"users-list": {"rows": "table tbody tr"}, "nope": {}}');
    expect(state.overridesCheck.value).toEqual({ ok: false, problems: [expect.stringMatching(/nope|Unrecognized/)] });
    state.editOverrides('{"users-list": {"rows": "tbody >>> tr"}}');
    expect(state.overridesCheck.value.ok).toBe(false);
    state.editOverrides('{"users-list": {"rows": "table tbody tr"}}');
    await state.saveOverrides();
    expect(await adapterOverridesItem.getValue()).toEqual({ 'users-list': { rows: 'table tbody tr' } });
    await state.resetOverrides();
    expect(await adapterOverridesItem.getValue()).toBeNull();
    expect(state.overridesText.value).toBe('');
  });
});
