import type { MountPoint } from '../adapters/index.ts';
import { createUiHost, insertAt } from './mount.tsx';
import { createSlicer } from './slices.ts';

interface Entry<R> {
  point: MountPoint;
  row: R;
  host: HTMLElement | null;
  /** The drawing in the page (in the host's shadow root), once committed. */
  root: HTMLElement | null;
  /** A new drawing made off the page, waiting for the next commit. */
  next: { root: HTMLElement; ready: boolean } | null;
  /** The stamp last drawn (NOT_DRAWN before the first drawing). */
  drawn: unknown;
  queued: boolean;
}

const NOT_DRAWN = Symbol('not drawn');
/** While rows are still being drawn, what is ready goes into the page at most this often (each commit lays the table out again). */
const COMMIT_EVERY_MS = 250;

export interface RowLayerOptions<R> {
  signal: AbortSignal;
  /** The hosts' data-feature. */
  feature: string;
  /** What a row's drawing depends on: a row is redrawn only when this changes (compared with ===). */
  stamp(row: R): unknown;
  /**
   * Draws the row into `root`, an element not in the page yet (new, or
   * drawn before and not yet committed: replace what is there), with plain
   * DOM (never the page's text as HTML). Returns whether the drawing shows
   * the row's answer (its host then carries `data-ready`).
   */
  paint(root: HTMLElement, row: R): boolean;
}

/**
 * One renderer for one feature's UI in every row of a page, instead of a
 * render root per row: each row gets an isolated host (its own
 * `<seatwise-ui>` shadow root, as every overlay has). Drawings are made off
 * the page, top rows first, in slices of a few milliseconds (the host page
 * is never blocked for long), and go into the page together: a big table is
 * laid out again once per commit, not once per slice. `refresh()` after an
 * answer redraws only the rows whose stamp changed. Rows the host re-rendered
 * away are forgotten at the next `add`; everything goes when `signal` aborts.
 */
export function createRowLayer<R>({ signal, feature, stamp, paint }: RowLayerOptions<R>) {
  let entries: Entry<R>[] = [];
  let queue: Entry<R>[] = [];
  let next = 0;
  let drawnSinceCommit: Entry<R>[] = [];
  let lastCommit = 0;

  function commit() {
    for (const entry of drawnSinceCommit) {
      const drawing = entry.next;
      if (!drawing || !entry.host) continue;
      entry.next = null;
      if (!entry.point.element.isConnected) continue;
      // The first drawing is already in the (detached) host's shadow root; later ones take the place of the last.
      if (entry.root && entry.root !== drawing.root) entry.root.replaceWith(drawing.root);
      entry.root = drawing.root;
      entry.host.toggleAttribute('data-ready', drawing.ready);
      if (!entry.host.isConnected) insertAt(entry.point, entry.host);
    }
    drawnSinceCommit = [];
    lastCommit = performance.now();
  }

  function step(): boolean {
    const entry = queue[next++];
    if (!entry) {
      queue = [];
      next = 0;
      commit();
      return false;
    }
    entry.queued = false;
    if (!entry.point.element.isConnected) return true;
    const now = stamp(entry.row);
    if (now !== entry.drawn) {
      let root: HTMLElement;
      if (entry.next) root = entry.next.root; // drawn again before its commit: still off the page
      else if (entry.host && entry.root) {
        root = document.createElement('div');
        root.className = entry.root.className;
      } else ({ host: entry.host, root } = createUiHost({ feature }));
      if (!entry.next) drawnSinceCommit.push(entry);
      entry.next = { root, ready: paint(root, entry.row) };
      entry.drawn = now;
    }
    if (drawnSinceCommit.length && performance.now() - lastCommit > COMMIT_EVERY_MS) commit();
    return true;
  }
  const slicer = createSlicer(step, signal);
  const enqueue = (entry: Entry<R>) => {
    if (entry.queued) return;
    entry.queued = true;
    queue.push(entry);
  };

  signal.addEventListener(
    'abort',
    () => {
      for (const e of entries) e.host?.remove();
      entries = queue = drawnSinceCommit = [];
    },
    { once: true },
  );

  return {
    /** Rows the host rendered: each gets its host and drawing in the next slices. */
    add(rows: { point: MountPoint; row: R }[]) {
      if (signal.aborted) return;
      entries = entries.filter((e) => e.point.element.isConnected && (!e.host || e.host.isConnected || e.next));
      for (const { point, row } of rows) {
        const entry: Entry<R> = { point, row, host: null, root: null, next: null, drawn: NOT_DRAWN, queued: false };
        entries.push(entry);
        enqueue(entry);
      }
      slicer.wake();
    },
    /** What the rows depend on may have changed: each is re-stamped, and redrawn if its stamp differs. */
    refresh() {
      for (const e of entries) enqueue(e);
      slicer.wake();
    },
    get size() {
      return entries.length;
    },
  };
}
