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
