/**
 * How long the overlay works before handing the page back. The host page
 * must never wait more than 50 ms for us (issue 11): a slice of 20 ms leaves
 * room for the step that ends it (a row layer's commit) within that.
 */
export const SLICE_MS = 20;

/** A new task, not a microtask: the browser may paint and the host run its own tasks in between. */
function nextTask(run: () => void) {
  // postTask, not setTimeout where there is one: nested timers are clamped to 4 ms each, which slices would add up.
  const scheduler = (globalThis as { scheduler?: { postTask(run: () => void): Promise<void> } }).scheduler;
  if (scheduler) void scheduler.postTask(run);
  else setTimeout(run, 0);
}

export interface SlicerOptions {
  /** Runs at the end of every slice: hands on what the slice made, together. */
  flush?: () => void;
  /** The clock (tests). */
  now?: () => number;
}

/**
 * Runs `step` (one small unit of work, returning whether more is left) in
 * slices of at most SLICE_MS, each slice its own task, until nothing is left
 * or `signal` aborts; `flush` after each slice. `wake()` starts it again when
 * new work arrives; calls while it runs or waits for its task add nothing.
 */
export function createSlicer(step: () => boolean, signal: AbortSignal, { flush, now = () => performance.now() }: SlicerOptions = {}) {
  let scheduled = false;
  const slice = () => {
    scheduled = false;
    if (signal.aborted) return;
    const end = now() + SLICE_MS;
    let more = true;
    while (more && now() < end) more = step();
    flush?.();
    if (more) wake();
  };
  function wake() {
    if (scheduled || signal.aborted) return;
    scheduled = true;
    nextTask(slice);
  }
  return { wake };
}
