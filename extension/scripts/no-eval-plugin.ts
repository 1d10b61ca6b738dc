/**
 * Store reviewers (and `addons-linter`) reject code that builds functions
 * from strings. zod's object parser has such a fast path (`new Function`,
 * probed by `allowsEval`); without it zod parses the same, only not
 * JIT-compiled. This takes both out of the bundle: the probe answers "no
 * eval", and the compiler, never called then, throws. A zod release that
 * moves them fails the build here rather than shipping eval.
 */
const PATCHES: { file: RegExp; from: RegExp; to: string }[] = [
  { file: /[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/, from: /try \{\s*const F = Function;\s*new F\(""\);\s*return true;\s*\}\s*catch \(_\) \{\s*return false;\s*\}/, to: 'return false;' },
  { file: /[\\/]zod[\\/]v4[\\/]core[\\/]doc\.js$/, from: /const F = Function;[\s\S]*?return factory\(\.\.\.Object\.values\(this\.closed\)\);/, to: "throw new Error('zod is built without eval');" },
];

/** A Vite plugin (typed by shape: vite is WXT's dependency, not ours). */
export function noEval() {
  return {
    name: 'seatwise-no-eval',
    enforce: 'pre' as const,
    transform(code: string, id: string) {
      const patch = PATCHES.find((p) => p.file.test(id));
      if (!patch) return null;
      if (!patch.from.test(code)) throw new Error(`no-eval: ${id} changed shape; update scripts/no-eval-plugin.ts`);
      return { code: code.replace(patch.from, patch.to), map: null };
    },
  };
}
