import type { ReadonlySignal } from '@preact/signals';

/** Cells and controls every report table shares. */

export const person = (first: string | null, last: string | null, email: string | null) => (
  <>
    <span>{[first, last].filter(Boolean).join(' ') || '—'}</span>
    <br />
    <span class="muted small">{email ?? ''}</span>
  </>
);

export function LoadMore({ state }: { state: { nextCursor: ReadonlySignal<string | null>; loading: ReadonlySignal<boolean>; loadMore: () => Promise<void> } }) {
  return state.nextCursor.value ? <button type="button" class="btn load-more" disabled={state.loading.value} onClick={() => void state.loadMore()}>Load more</button> : null;
}
