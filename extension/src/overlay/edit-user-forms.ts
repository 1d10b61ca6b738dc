import type { EditUserView } from '../adapters/edit-user.ts';
import { createEditUserState, editUserStateKey, type EditUserState } from './edit-user-state.ts';
import type { FeatureContext } from './feature.ts';
import { observe } from './observe.ts';

/**
 * Every Edit User feature starts the same way: each host user form that
 * appears, read by the adapter, with the page's one shared state for that
 * user (so the panel, the toggles and the Save watcher see the same answer).
 */
export function observeEditUserForms(
  ctx: FeatureContext<'edit-user'>,
  signal: AbortSignal,
  name: string,
  each: (form: HTMLFormElement, view: EditUserView, state: EditUserState) => void,
): void {
  const adapter = ctx.adapters.editUser;
  observe<HTMLFormElement>(adapter.selectors.form, (forms) => {
    for (const form of forms) {
      const view = adapter.read(form);
      if (!view) continue;
      each(form, view, ctx.shared(editUserStateKey(view.hostUserId), (s) => createEditUserState(ctx.backend, view.hostUserId, s)));
    }
  }, { signal, name });
}
