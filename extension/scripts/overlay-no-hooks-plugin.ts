const ID = '\0seatwise-no-hooks';
/** Every export of preact/hooks: one the module lacks fails the build here (a missing export), so the list keeps up. */
const HOOKS = ['useState', 'useReducer', 'useEffect', 'useLayoutEffect', 'useRef', 'useImperativeHandle', 'useMemo', 'useCallback', 'useContext', 'useDebugValue', 'useErrorBoundary', 'useId'];

/**
 * For the overlay's builds (the loader, the page bundles, their parts): Preact's
 * hooks are left out. No overlay component uses them (each is a function of
 * signals, or a class), but @preact/signals imports them for its own hook
 * helpers, and the module's side effects (it patches Preact's options on
 * load) would keep all of it, about 0.8 kB gzipped on every admin page. A
 * hook called in the overlay throws, saying so, in every browser test that
 * draws it. A Vite plugin, typed by shape (vite is WXT's dependency, not ours).
 */
export function overlayWithoutHooks() {
  return {
    name: 'seatwise-overlay-without-hooks',
    enforce: 'pre' as const,
    resolveId: (id: string) => (id === 'preact/hooks' ? ID : null),
    load: (id: string) =>
      id === ID
        ? HOOKS.map((name) => `export function ${name}() { throw new Error('${name}: the overlay is built without Preact hooks (scripts/overlay-no-hooks-plugin.ts); read signals, or use a class component.'); }`).join('\n')
        : null,
  };
}
