import { effect, signal, untracked } from '@preact/signals';
import { Fragment, jsx, jsxDEV, jsxs } from 'preact/jsx-runtime';
import { FailureError, outcomeUnknown, toFailure } from '../api/failure.ts';
import { mountUi } from './mount.tsx';
import { SHARED_NAMES, SHARED_RUNTIME_KEY } from './shared-names.ts';

type Lent = { [M in keyof typeof SHARED_NAMES]: { [N in (typeof SHARED_NAMES)[M][number]]: unknown } };

/** Exactly the names of SHARED_NAMES (the type says so), imported by name so the bundle keeps no more of these modules than it uses. */
const LENT: Lent = {
  'preact/jsx-runtime': { jsx, jsxs, jsxDEV, Fragment },
  '@preact/signals': { signal, effect, untracked },
  'overlay/mount.tsx': { mountUi },
  'api/failure.ts': { FailureError, toFailure, outcomeUnknown },
};

/** Leaves what the lazy parts borrow where this frame's parts find it (the content scripts' isolated world: the page cannot see it). */
export function shareRuntime() {
  (globalThis as Record<symbol, unknown>)[Symbol.for(SHARED_RUNTIME_KEY)] = LENT;
}
