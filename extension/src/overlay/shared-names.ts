/**
 * What a page bundle lends its lazy parts (parts.ts), by module: the parts'
 * build reads these from the bundle (scripts/overlay-part-plugin.ts) instead
 * of bundling a copy, and shared-runtime.ts publishes exactly these. One copy
 * per frame matters: Preact's hooks and @preact/signals keep their state in
 * their module (the component being rendered, the effect being run), the
 * mounted UI shares one stylesheet, and a failure is told by `instanceof` of
 * the bundle's FailureError. A part importing anything else of these modules
 * fails its build. Our own modules are keyed by their path under src/.
 */
export const SHARED_NAMES = {
  // jsxDEV: what JSX compiles to in a development build (NODE_ENV other than production).
  'preact/jsx-runtime': ['jsx', 'jsxs', 'jsxDEV', 'Fragment'],
  '@preact/signals': ['signal', 'effect', 'untracked'],
  'overlay/mount.tsx': ['mountUi'],
  'api/failure.ts': ['FailureError', 'toFailure', 'outcomeUnknown'],
} as const;

export const SHARED_RUNTIME_KEY = 'seatwise.overlay-runtime-modules';
