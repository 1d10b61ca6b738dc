import { batch, computed, signal } from '@preact/signals';
import { ROLES, type Role } from '@seatwise/shared/catalog';
import type { RolePreviewResult, SeatHold } from '@seatwise/shared';
import { toFailure, type Failure } from '../api/failure.ts';
import type { UserDetail } from '../api/types.ts';
import type { Backend } from '../messaging/client.ts';
import { onChanged } from './live.ts';

/** The role set with `role` ticked or unticked. */
export const toggled = (roles: readonly Role[], role: Role): Role[] => (roles.includes(role) ? roles.filter((r) => r !== role) : [...roles, role]);

/**
 * Seatwise's view of the user being edited, shared by the Edit User features:
 * the detail (licenses, activity, diagnosis, events), the seats held for
 * the form and, per role, the preview of ticking or unticking it. Reloaded on every live change.
 */
export function createEditUserState(backend: Backend, hostUserId: string, pageSignal: AbortSignal) {
  const detail = signal<UserDetail | null>(null);
  /** True when the host user is not in Seatwise. */
  const unknown = signal(false);
  const failure = signal<Failure | null>(null);
  const previews = signal<Partial<Record<Role, RolePreviewResult>>>({});
  /** Seats held for the user by Edit User toggles not yet saved. */
  const holds = signal<SeatHold[]>([]);
  const roles = computed<Role[]>(() => (detail.value?.user.roles as Role[] | undefined) ?? []);
  let loads = 0;

  async function load() {
    const mine = ++loads;
    try {
      const [found] = await backend.request('users.lookup', { externalIds: [hostUserId] });
      if (!found?.user) return void ((unknown.value = true), (detail.value = null));
      const got = await backend.request('users.get', { id: found.user.id });
      if (mine !== loads || pageSignal.aborted) return;
      const current = got.data.user.roles as Role[];
      const [answers, held] = await Promise.all([
        backend.request('roles.previewMany', { items: ROLES.map((r) => ({ userId: got.data.user.id, roles: toggled(current, r) })) }),
        backend.request('holds.list', { userId: got.data.user.id }),
      ]);
      if (mine !== loads || pageSignal.aborted) return;
      // Published together: a hint must never describe the previous role set.
      batch(() => {
        unknown.value = false;
        detail.value = got.data;
        failure.value = null;
        previews.value = Object.fromEntries(ROLES.map((r, i) => [r, answers[i]]));
        holds.value = held;
      });
    } catch (error) {
      if (mine === loads && !pageSignal.aborted) failure.value = toFailure(error);
    }
  }

  onChanged(backend, pageSignal, () => void load());
  void load();
  return { hostUserId, detail, unknown, failure, previews, holds, roles, reload: load };
}
export type EditUserState = ReturnType<typeof createEditUserState>;

export const editUserStateKey = (hostUserId: string) => `edit-user:${hostUserId}`;
