import type { MountPoint } from '../adapters/index.ts';
import { createUiHost, insertAt } from './mount.tsx';
import { createSlicer } from './slices.ts';

interface Entry<R> {
  /** The row's place, in from the start: a plain box of fixed size. */
  slot: HTMLElement;
  /** The isolated host in the slot and the element to draw in (in its shadow root), made at the first drawing. */
  ui: { host: HTMLElement; root: HTMLElement } | null;
  /** The row as read (null until then: the slot waits empty). */
  row: R | null;
  /** The stamp last drawn (NOT_DRAWN before the first drawing). */
  drawn: unknown;
  /** Drawn taller than one line: sized by its drawing. */
  tall: boolean;
  queued: boolean;
}

const NOT_DRAWN = Symbol('not drawn');

/**
 * Each row's place: a plain element (no shadow root, nothing of ours for the
 * host page's CSS to reach but this box) that goes in with the host's rows,
 * so the host page's own first layout of its rows takes it in. Of fixed size
 * while its drawing fits one line (a chip is 18 px, with 4 px above it), and
 * `contain: strict`: a layout boundary, so the isolated host drawn into it
 * later lays out that row's drawing alone, never the host's table again (a
 * 5,000-row table takes hundreds of milliseconds per layout).
 * `content-visibility: auto` leaves the drawings of rows off screen unstyled
 * and unlaid-out until they are scrolled to (they are in the page and in its
 * accessibility tree all the same).
 */
const SLOT_TAG = 'seatwise-row';
const LINE = 'all:initial;display:block;height:22px;contain:strict;content-visibility:auto;contain-intrinsic-size:auto 22px';
/** A drawing taller than one line (four chips and more: rare) takes its own height; the table is laid out again for it. */
const TALL = 'all:initial;display:block;contain:content';

export interface RowLayerOptions<R> {
  signal: AbortSignal;
  /** The hosts' data-feature. */
  feature: string;
  /** What a row's drawing depends on: a row is redrawn only when this changes (compared with ===). */
  stamp(row: R): unknown;
  /**
   * Draws the row into `root` (drawn before: replace what is there), with
   * plain DOM (never the page's text as HTML). Says whether the drawing shows
   * the row's answer (its host then carries `data-ready`) and whether it fits
   * one line (a longer one takes its own height, and the table is laid out
   * again for it).
   */
  paint(root: HTMLElement, row: R): { ready: boolean; oneLine: boolean };
}

/**
 * One renderer for one feature's UI in every row of a page, instead of a
 * render root per row. Each row's slot goes in as soon as the row is found
 * (`reserve`, in the host's own DOM update); its drawing follows in slices of
 * a few milliseconds, top rows first, in an isolated host (a `<seatwise-ui>`
 * with its own shadow root, as every overlay has) inside the slot, laying
 * out that row alone: the host page is never blocked for long. `refresh()` after an answer redraws only the rows whose stamp
 * changed. Rows the host re-rendered away are forgotten at the next
 * `reserve`; everything goes when `signal` aborts.
 */
export function createRowLayer<R>({ signal, feature, stamp, paint }: RowLayerOptions<R>) {
  let entries = new Map<Element, Entry<R>>();
  let queue: Entry<R>[] = [];
  let next = 0;

  /** Rows whose drawing changed between one line and more: resized together once the queue is drawn. */
  let resized: Entry<R>[] = [];
  let drained = false;

  function step(): boolean {
    const entry = queue[next++];
    if (!entry) {
      queue = [];
      next = 0;
      drained = true;
      return false;
    }
    entry.queued = false;
    if (!entry.row || !entry.slot.isConnected) return true;
    const now = stamp(entry.row);
    if (now === entry.drawn) return true;
    if (!entry.ui) entry.slot.append((entry.ui = createUiHost({ feature })).host);
    const { ready, oneLine } = paint(entry.ui.root, entry.row);
    entry.drawn = now;
    entry.ui.host.toggleAttribute('data-ready', ready);
    if (oneLine === entry.tall) resized.push(entry);
    entry.tall = !oneLine;
    return true;
  }
  /**
   * A slot changing height lays the whole table out again (hundreds of
   * milliseconds for a few thousand rows): done once, for every such row,
   * when the queue is drawn, not in the frame after each slice that met one.
   * Until then a taller drawing is clipped to its one line.
   */
  function resize() {
    if (!drained) return;
    drained = false;
    for (const e of resized) if (e.slot.isConnected) e.slot.style.cssText = e.tall ? TALL : LINE;
    resized = [];
  }
  const slicer = createSlicer(step, signal, { flush: resize });

  /**
   * Rows the host just rendered (`row`: the host's row element): each gets
   * its empty host at `point` now, in the host's own DOM update.
   */
  function reserve(rows: { row: Element; point: MountPoint }[]) {
    if (signal.aborted) return;
    for (const [row, e] of entries) if (!row.isConnected || !e.slot.isConnected) entries.delete(row);
    for (const { row, point } of rows) place(row, point);
  }
  function place(row: Element, point: MountPoint): Entry<R> {
    let entry = entries.get(row);
    if (entry) return entry;
    const slot = document.createElement(SLOT_TAG);
    slot.style.cssText = LINE;
    insertAt(point, slot);
    entries.set(row, (entry = { slot, ui: null, row: null, drawn: NOT_DRAWN, tall: false, queued: false }));
    return entry;
  }
  const enqueue = (entry: Entry<R>) => {
    if (entry.queued) return;
    entry.queued = true;
    queue.push(entry);
  };

  signal.addEventListener(
    'abort',
    () => {
      for (const e of entries.values()) e.slot.remove();
      entries = new Map();
      queue = [];
    },
    { once: true },
  );

  return {
    reserve,
    /** Rows read (`element`: the row's element, reserved or not yet): each is drawn in the next slices. */
    draw(rows: { element: Element; point: MountPoint; row: R }[]) {
      if (signal.aborted) return;
      for (const { element, point, row } of rows) {
        // Rows found before this layer started are placed now (the table is laid out again, once).
        const entry = place(element, point);
        entry.row = row;
        enqueue(entry);
      }
      slicer.wake();
    },
    /** What the rows depend on may have changed: each is re-stamped, and redrawn if its stamp differs. */
    refresh() {
      for (const e of entries.values()) enqueue(e);
      slicer.wake();
    },
    get size() {
      return entries.size;
    },
  };
}
