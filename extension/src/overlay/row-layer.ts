import type { MountPoint } from '../adapters/index.ts';
import { createUiHost, insertAt } from './mount.tsx';
import { createSlicer } from './slices.ts';

interface Entry<R> {
  point: MountPoint;
  row: R;
  host: HTMLElement | null;
  root: HTMLElement | null;
  /** The stamp last painted (NOT_PAINTED before the first paint). */
  painted: unknown;
  queued: boolean;
}

const NOT_PAINTED = Symbol('not painted');

export interface RowLayerOptions<R> {
  signal: AbortSignal;
  /** The hosts' data-feature. */
  feature: string;
  /** What a row's drawing depends on: a row is redrawn only when this changes (compared with ===). */
  stamp(row: R): unknown;
  /** Draws the row into `root` (its shadow root's element) with plain DOM, never the page's text as HTML. */
  paint(root: HTMLElement, row: R, host: HTMLElement): void;
}

/**
 * One renderer for one feature's UI in every row of a page, instead of a
 * render root per row: each row gets an isolated host (its own
 * `<seatwise-ui>` shadow root, as every overlay has), and this draws them
 * all in slices of a few milliseconds, top rows first, so thousands of rows
 * never block the host page. `refresh()` after an answer redraws only the
 * rows whose stamp changed. Rows the host re-rendered away are forgotten at
 * the next `add`; everything goes when `signal` aborts.
 */
export function createRowLayer<R>({ signal, feature, stamp, paint }: RowLayerOptions<R>) {
  let entries: Entry<R>[] = [];
  let queue: Entry<R>[] = [];
  let next = 0;

  function step(): boolean {
    const entry = queue[next++];
    if (!entry) return (queue = []), (next = 0), false;
    entry.queued = false;
    if (!entry.point.element.isConnected) return true;
    if (!entry.host) {
      ({ host: entry.host, root: entry.root } = createUiHost({ feature }));
      insertAt(entry.point, entry.host);
    }
    const now = stamp(entry.row);
    if (now !== entry.painted) paint(entry.root!, entry.row, entry.host), (entry.painted = now);
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
      entries = queue = [];
    },
    { once: true },
  );

  return {
    /** Rows the host rendered: each gets its host and drawing in the next slices. */
    add(rows: { point: MountPoint; row: R }[]) {
      if (signal.aborted) return;
      entries = entries.filter((e) => e.point.element.isConnected && (!e.host || e.host.isConnected));
      for (const { point, row } of rows) {
        const entry: Entry<R> = { point, row, host: null, root: null, painted: NOT_PAINTED, queued: false };
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
