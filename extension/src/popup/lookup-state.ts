import { computed, signal } from '@preact/signals';
import { toFailure, type Failure } from '../api/failure.ts';
import type { UserDetail } from '../api/types.ts';
import type { Backend } from '../messaging/client.ts';

export type LookupStatus = 'idle' | 'loading' | 'found' | 'not_found' | 'error';

const looksLikeEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim());

/** The popup's look-up box: an email in, that user's roles, licenses, activity and access diagnosis out. */
export function createLookupState(backend: Backend) {
  const query = signal('');
  const status = signal<LookupStatus>('idle');
  const detail = signal<UserDetail | null>(null);
  const failure = signal<Failure | null>(null);
  const validation = computed(() => (query.value.trim() && !looksLikeEmail(query.value) ? 'Enter a full email address.' : null));
  let asked = 0;

  async function submit() {
    const email = query.value.trim();
    if (!email || validation.value) return;
    const ticket = ++asked;
    status.value = 'loading';
    failure.value = null;
    try {
      const found = await backend.request('users.find', { email });
      if (ticket !== asked) return; // a newer look-up won
      detail.value = found?.data ?? null;
      status.value = found ? 'found' : 'not_found';
    } catch (error) {
      if (ticket !== asked) return;
      failure.value = toFailure(error);
      status.value = 'error';
    }
  }

  /** Re-reads the shown user after a live change (quietly: no loading flash). */
  async function refresh() {
    const id = detail.value?.user.id;
    if (!id || status.value !== 'found') return;
    try {
      detail.value = (await backend.request('users.get', { id })).data;
    } catch {
      /* keep what is shown; the connection state says why */
    }
  }

  function clear() {
    asked++;
    query.value = '';
    status.value = 'idle';
    detail.value = null;
    failure.value = null;
  }

  return { query, status, detail, failure, validation, submit, refresh, clear };
}
export type LookupState = ReturnType<typeof createLookupState>;
