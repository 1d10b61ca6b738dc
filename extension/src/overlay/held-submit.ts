/**
 * A form submission the overlay held (to read something first, or to let its
 * code arrive), sent again later: by the same form and the same button, so
 * the host's own handlers see the Save or Apply the admin pressed. Always in
 * a task of its own: asked while the browser is still firing the held
 * submission (what it waited for was already at hand), it would be ignored.
 */
export function resubmit(event: SubmitEvent): () => void {
  const form = event.target as HTMLFormElement;
  const submitter = event.submitter;
  return () => void setTimeout(() => form.requestSubmit(submitter instanceof HTMLButtonElement && submitter.form === form ? submitter : undefined));
}

/**
 * Code that watches a host form's submissions, loaded on the admin's first
 * need (`load`, run once by the returned `start`). A submission of a form
 * `watched` accepts, made before the load has settled, is held until it has,
 * then sent again, so the loaded code sees it; had the load failed
 * (`onFailure`), the host's own action goes through unchanged: Seatwise never
 * blocks it. Once settled, submissions pass untouched.
 */
export function holdSubmitsUntilLoaded(
  load: () => Promise<void>,
  watched: (target: EventTarget | null) => boolean,
  signal: AbortSignal,
  onFailure: (error: unknown) => void,
): () => Promise<void> {
  let started: Promise<void> | null = null;
  let settled = false;
  const start = () => (started ??= load().finally(() => (settled = true)));
  document.addEventListener('submit', (event) => {
    if (settled || !watched(event.target)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const again = resubmit(event);
    void start().catch(onFailure).then(again);
  }, { capture: true, signal });
  return start;
}
