import { computed, signal } from '@preact/signals';
import { AUTHORITIES, type Authority } from '@seatwise/shared/catalog';
import { parseOverrides } from '../adapters/overrides-schema.ts';
import { toFailure, type Failure } from '../api/failure.ts';
import type { Backend } from '../messaging/client.ts';
import type { SessionInfo } from '../messaging/protocol.ts';
import { adapterOverridesItem, hostOriginsItem, inactivityDaysItem, serverUrlItem, type InactivityWindow } from '../storage/items.ts';
import { permissionPattern } from '../content-scripts/site-patterns.ts';
import { parseOrigin } from './origins.ts';

export const AUTHORITY_LABELS: Record<Authority, string> = { system_admin: 'System administrator', org_admin: 'Organization administrator', reporter: 'Reporter', support: 'Support' };
export const authorityLabel = (a: string) => (AUTHORITIES.includes(a as Authority) ? AUTHORITY_LABELS[a as Authority] : a);

/** The browser's host-permission prompt, passed in so the state is testable. */
export interface Permissions {
  request(origins: string[]): Promise<boolean>;
  remove(origins: string[]): Promise<boolean>;
}

export function createOptionsState(backend: Backend, permissions: Permissions) {
  const serverUrl = signal('');
  const token = signal('');
  const session = signal<SessionInfo | null>(null);
  const signingIn = signal(false);
  const signInFailure = signal<Failure | null>(null);
  const origins = signal<string[]>([]);
  const originInput = signal('');
  const originError = signal<string | null>(null);
  const inactivityDays = signal<InactivityWindow>(30);
  const overridesText = signal('');
  const overridesSaved = signal(false);

  const signedIn = computed(() => !!session.value?.me && session.value.state.status !== 'signed_out');
  const signedInText = computed(() => {
    const me = session.value?.me;
    return me && signedIn.value ? `Signed in as ${me.user?.email ?? 'unknown user'} (${authorityLabel(me.authority)})` : null;
  });
  const orgs = computed(() => session.value?.me?.scope.orgs ?? []);
  const overridesCheck = computed(() => parseOverrides(overridesText.value));

  async function load() {
    const [url, list, days, overrides] = await Promise.all([serverUrlItem.getValue(), hostOriginsItem.getValue(), inactivityDaysItem.getValue(), adapterOverridesItem.getValue()]);
    serverUrl.value = url;
    origins.value = list;
    inactivityDays.value = days;
    overridesText.value = overrides ? JSON.stringify(overrides, null, 2) : '';
    session.value = await backend.request('session.get', {}).catch(() => null);
  }

  async function signIn() {
    signingIn.value = true;
    signInFailure.value = null;
    try {
      session.value = await backend.request('session.signIn', { serverUrl: serverUrl.value, token: token.value });
      serverUrl.value = session.value.serverUrl;
      token.value = '';
    } catch (error) {
      signInFailure.value = toFailure(error);
    } finally {
      signingIn.value = false;
    }
  }

  async function signOut() {
    session.value = await backend.request('session.signOut', {});
  }

  /** Must run inside the click: the permission prompt needs the user's gesture. */
  async function addOrigin() {
    const parsed = parseOrigin(originInput.value);
    if (!parsed.ok) return void (originError.value = parsed.message);
    if (origins.value.includes(parsed.origin)) return void (originError.value = `${parsed.origin} is already in the list.`);
    originError.value = null;
    const granted = await permissions.request([permissionPattern(parsed.origin)]);
    if (!granted) return void (originError.value = `Permission for ${parsed.origin} was not granted, so Seatwise cannot run there.`);
    origins.value = [...origins.value, parsed.origin];
    originInput.value = '';
    await hostOriginsItem.setValue(origins.value);
    await backend.request('origins.sync', {});
  }

  async function removeOrigin(origin: string) {
    origins.value = origins.value.filter((o) => o !== origin);
    await hostOriginsItem.setValue(origins.value);
    await backend.request('origins.sync', {});
    await permissions.remove([permissionPattern(origin)]).catch(() => false);
  }

  async function setInactivityDays(days: InactivityWindow) {
    inactivityDays.value = days;
    await inactivityDaysItem.setValue(days);
  }

  async function saveOverrides() {
    const check = overridesCheck.value;
    if (!check.ok) return;
    await adapterOverridesItem.setValue(check.value);
    overridesSaved.value = true;
  }

  async function resetOverrides() {
    overridesText.value = '';
    await adapterOverridesItem.setValue(null);
    overridesSaved.value = true;
  }

  const editOverrides = (text: string) => {
    overridesText.value = text;
    overridesSaved.value = false;
  };

  return { serverUrl, token, session, signingIn, signInFailure, origins, originInput, originError, inactivityDays, overridesText, overridesSaved, signedIn, signedInText, orgs, overridesCheck, load, signIn, signOut, addOrigin, removeOrigin, setInactivityDays, saveOverrides, resetOverrides, editOverrides };
}
export type OptionsState = ReturnType<typeof createOptionsState>;
