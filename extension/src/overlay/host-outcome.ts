/**
 * After the host form's submit went through: resolves 'saved' when a new
 * success flash appears, 'failed' when the form's error summary shows, or
 * null after `timeoutMs` / on abort (the host never said).
 */
export function hostSaveOutcome(selectors: { savedFlash: string; formErrors: string }, { signal, timeoutMs = 30_000 }: { signal: AbortSignal; timeoutMs?: number }): Promise<'saved' | 'failed' | null> {
  const previousFlash = document.querySelector(selectors.savedFlash);
  const errorsBefore = document.querySelector(selectors.formErrors);
  return new Promise((resolve) => {
    const done = (outcome: 'saved' | 'failed' | null) => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(outcome);
    };
    const check = () => {
      const flash = document.querySelector(selectors.savedFlash);
      if (flash && flash !== previousFlash) return done('saved');
      const errors = document.querySelector(selectors.formErrors);
      // The host re-shows its summary on every failed save, hidden in between.
      if (errors && (!errorsBefore || errors.textContent !== errorsBefore.textContent)) return done('failed');
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden', 'class'] });
    const timer = setTimeout(() => done(null), timeoutMs);
    signal.addEventListener('abort', () => done(null), { once: true });
  });
}
