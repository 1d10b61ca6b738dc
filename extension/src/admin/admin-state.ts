import { computed, signal } from '@preact/signals';
import type { Authority } from '@seatwise/shared';
import { toFailure, type Failure } from '../api/failure.ts';
import type { Backend } from '../messaging/client.ts';
import type { Push, SessionInfo } from '../messaging/protocol.ts';
import { ADMIN_TABS } from './admin-tabs.tsx';

export const mayAdminister = (authority: Authority | undefined) => authority === 'system_admin' || authority === 'org_admin';

/**
 * The Administration page: who is signed in, which tabs their authority
 * opens, the tab shown, and a revision every panel re-reads on (bumped when
 * Seatwise says data changed, by this page or anyone else).
 */
export function createAdminPageState(backend: Backend) {
  const session = signal<SessionInfo | null>(null);
  const failure = signal<Failure | null>(null);
  const selected = signal<string | null>(null);
  /** Bumped by every `changed` push: each panel re-reads what it shows. */
  const revision = signal(0);

  const me = computed(() => session.value?.me ?? null);
  const allowed = computed(() => mayAdminister(me.value?.authority));
  const tabs = computed(() => (me.value ? ADMIN_TABS.filter((t) => t.for.includes(me.value!.authority)) : []));
  /** The tab asked for if this caller may open it, else their first. */
  const tab = computed(() => tabs.value.find((t) => t.id === selected.value) ?? tabs.value[0] ?? null);

  function onPush(push: Push) {
    if (push.type === 'connection' && session.value) session.value = { ...session.value, state: push.state };
    if (push.type === 'changed') revision.value++;
  }

  async function start(initial: string | null): Promise<() => void> {
    selected.value = initial;
    const unsubscribe = backend.subscribe(onPush);
    try {
      session.value = await backend.request('session.get', {});
    } catch (error) {
      failure.value = toFailure(error);
    }
    return unsubscribe;
  }

  const select = (id: string) => {
    selected.value = id;
  };

  return { backend, session, failure, me, allowed, tabs, tab, revision, start, select };
}

export type AdminPageState = ReturnType<typeof createAdminPageState>;
