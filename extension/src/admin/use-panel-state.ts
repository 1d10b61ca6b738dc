import { useEffect, useMemo } from 'preact/hooks';
import type { AdminPageState } from './admin-state.ts';

/**
 * A panel's state, made once per page (and per `deps`), read when the panel
 * shows and again whenever Seatwise says data changed (`page.revision`).
 */
export function usePanelState<S extends { load(): Promise<void> }>(page: AdminPageState, create: () => S, deps: unknown[] = []): S {
  const state = useMemo(create, [page, ...deps]);
  const revision = page.revision.value;
  useEffect(() => void state.load(), [state, revision]);
  return state;
}
