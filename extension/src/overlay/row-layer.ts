import type { MountPoint } from '../adapters/index.ts';
import { createUiHost, insertAt } from './mount.tsx';
import { OVERLAY_TAG_PREFIX } from './tags.ts';
import { createSlicer } from './slices.ts';

/** One feature's UI in the rows of a page, drawn by the page's row layer. */
export interface RowPart<R, S = unknown> {
  /** Its hosts' data-feature. */
  feature: string;
  /** What its drawing of a row depends on: redrawn only when this changes (compared with ===), and handed to `paint`. */
  stamp(row: R): S;
  /**
   * Draws the row into the element `root()` gives (its isolated host, made on
   * the first call; drawn before: replace what is there), with plain DOM or
   * Preact (never the page's text as HTML). Returns null when the row shows
   * nothing of this part (its host, if any, goes), or whether the drawing
   * shows the row's answer (its host then carries `data-ready`) and fits one
   * line (a longer one takes its own height, and the table is laid out
   * again for it).
   */
  paint(row: R, root: () => HTMLElement, stamp: S): { ready: boolean; oneLine: boolean } | null;
  /** Takes down what `paint` left in a root (a Preact tree) before its host goes. */
  clear?(root: HTMLElement): void;
  /** Every queued row is drawn (features that summarise all rows count them here). */
  settled?(): void;
}

interface Drawn {
  host: HTMLElement;
  root: HTMLElement;
  oneLine: boolean;
}

interface Entry<R> {
  /** The row's place, in from the start: a plain box of fixed size, shared by every part. */
  slot: HTMLElement;
  /** The box in the slot the hosts go in. */
  body: HTMLElement;
  /** The row as read (null until then: the slot waits empty). */
  row: R | null;
  /** Per part: the stamp last drawn (NOT_DRAWN before the first drawing) and its host (null while it shows nothing). */
  stamps: unknown[];
  hosts: (Drawn | null)[];
  /** Drawn taller than one line: sized by its drawing. */
  tall: boolean;
  queued: boolean;
  /** Has drawn hosts waiting to go in its slot. */
  unplaced: boolean;
}

const NOT_DRAWN = Symbol('not drawn');

/**
 * Each row's place: a plain element (no shadow root, nothing of ours for the
 * host page's CSS to reach but this box) that goes in with the host's rows,
 * so the host page's own first layout of its rows takes it in. Of fixed size
 * while its drawing fits one line (a chip is 18 px, with 4 px above it), with
 * `contain: strict`. That alone does not keep the table from being laid out
 * again: Chromium still lays the whole table out in a frame where a slot's
 * content changed (once per frame, at thousands of rows 100 ms and more).
 * In it, the box the hosts go in: `content-visibility: auto` leaves the
 * drawings of rows off screen unstyled and unlaid-out until they are
 * scrolled to (they are in the page and in its accessibility tree all the
 * same), so putting hosts in them costs no layout; this is what keeps a
 * 5,000-row page's drawing to a few frames (measured: 110–170 ms to fill
 * 5,000 rows' hosts, about 4 s without it). Not on the slot itself: Chromium rebuilds such a box's layout
 * object when it first comes on screen, which would lay the whole table out
 * again at the first paint and at every scroll; inside the slot, only the
 * slot is.
 */
const SLOT_TAG = `${OVERLAY_TAG_PREFIX}row`;
const BODY_TAG = `${OVERLAY_TAG_PREFIX}row-body`;
const LINE_PX = 22;
/**
 * Hosts put in per slice once every row is drawn: the browser's frame after
 * a slice costs some tens of microseconds a host put in (its style, its skip
 * state, its paint), so a thousand in one frame was one task over 50 ms.
 */
const PLACED_PER_FRAME = 500;
const LINE = { slot: `all:initial;display:block;height:${LINE_PX}px;contain:strict`, body: `all:initial;display:block;content-visibility:auto;contain-intrinsic-size:auto ${LINE_PX}px` };
/** A drawing taller than one line (four chips and more, drift, a sync button: rare) takes its own height; the table is laid out again for it. */
const TALL = { slot: 'all:initial;display:block;contain:content', body: 'all:initial;display:block' };
const size = (entry: { slot: HTMLElement; body: HTMLElement }, { slot, body }: typeof LINE) => ((entry.slot.style.cssText = slot), (entry.body.style.cssText = body));

/**
 * One renderer for the UI of every feature in every row of a page (parts),
 * instead of a render root per row and feature, and all of it inside the
 * row's one slot. Each row's slot goes in as soon as the row is found
 * (`reserve`, in the host's own DOM update); its drawing follows in slices
 * of a few milliseconds, rows on screen first, each part in an isolated host
 * (a `<seatwise-ui>` with its own shadow root, as every overlay has) drawn
 * before it goes in the slot, in the parts' order (see `unplaced`): the host
 * page is never blocked for long. Rows whose drawing outgrows one line are
 * resized together once every queued row is drawn and in: one layout of the
 * host's table.
 * `refresh()` after an answer redraws only the parts whose stamp changed.
 * Rows the host re-rendered away are forgotten at the next `reserve`;
 * everything goes when `signal` aborts.
 */
export function createRowLayer<R>(signal: AbortSignal) {
  const parts: RowPart<R>[] = [];
  let entries = new Map<Element, Entry<R>>();
  let queue: Entry<R>[] = [];
  let next = 0;

  /**
   * Rows with hosts drawn but not yet in their slot. Hosts are drawn
   * detached, and all go in once every queued row is drawn: a change in the
   * page makes the browser render a frame, which at thousands of rows costs
   * tens of milliseconds whatever the change (every row's skip state is
   * checked, the page's paint tree walked): one frame for all of them, not
   * one after every slice. The rows on screen do not wait: rows are drawn
   * in screen order (page-rows), so the first screenful drawn since the
   * layer was last idle go in at the end of their slice.
   */
  let unplaced: Entry<R>[] = [];
  let placed = 0;
  /** Rows put in at once since the layer was last idle. */
  let placedAtOnce = 0;
  /** Rows put in in this slice. */
  let placedNow = 0;
  /** Rows whose drawing changed between one line and more: resized together once the queue is drawn. */
  let resized: Entry<R>[] = [];
  let drained = false;

  function drawPart(entry: Entry<R>, row: R, i: number) {
    const part = parts[i]!;
    const now = part.stamp(row);
    if (now === entry.stamps[i]) return;
    entry.stamps[i] = now;
    let made = entry.hosts[i];
    const drawn = part.paint(row, () => (made ??= { ...createUiHost({ feature: part.feature }), oneLine: true }).root, now);
    if (!drawn || !made) {
      if (made) takeDown(part, made);
      entry.hosts[i] = null;
      return;
    }
    made.host.toggleAttribute('data-ready', drawn.ready);
    made.oneLine = drawn.oneLine;
    entry.hosts[i] = made;
    if (!made.host.isConnected && !entry.unplaced) (entry.unplaced = true), unplaced.push(entry);
  }

  /** Puts the row's new hosts in its slot, in the parts' order. */
  function placeHosts(entry: Entry<R>) {
    entry.unplaced = false;
    placedNow++;
    if (!entry.slot.isConnected) return;
    let next: Node | null = null;
    for (let i = entry.hosts.length - 1; i >= 0; i--) {
      const drawn = entry.hosts[i];
      if (!drawn) continue;
      if (!drawn.host.isConnected) entry.body.insertBefore(drawn.host, next);
      next = drawn.host;
    }
  }

  function step(): boolean {
    const entry = queue[next++];
    if (!entry) {
      queue = [];
      next = 0;
      // Drawn: what waits to go in goes in now, in the same slices, at most PLACED_PER_FRAME a slice (settle wakes the next).
      const waiting = unplaced[placed];
      if (waiting) return placedNow < PLACED_PER_FRAME && (placeHosts(waiting), placed++, true);
      unplaced = [];
      placed = 0;
      drained = true;
      return false;
    }
    entry.queued = false;
    const row = entry.row;
    if (!row || !entry.slot.isConnected) return true;
    for (let i = 0; i < parts.length; i++) drawPart(entry, row, i);
    // One host of one line fits the slot; a second host is a second line.
    const shown = entry.hosts.filter(Boolean) as Drawn[];
    const tall = shown.length > 1 || shown.some((h) => !h.oneLine);
    if (tall !== entry.tall) resized.push(entry);
    entry.tall = tall;
    return true;
  }
  /**
   * A slot changing height lays the whole table out again (hundreds of
   * milliseconds for a few thousand rows): done once, for every such row,
   * when the queue is drawn, not in the frame after each slice that met one.
   * Until then a taller drawing is clipped to its one line.
   */
  function settle() {
    const screenful = Math.ceil(window.innerHeight / LINE_PX);
    for (; placed < unplaced.length && placedAtOnce < screenful; placed++, placedAtOnce++) placeHosts(unplaced[placed]!);
    const placedHere = placedNow > 0;
    placedNow = 0;
    // More to put in than a slice may: the next slice goes on with it.
    if (placed < unplaced.length) return slicer.wake();
    if (!drained) return;
    // Hosts went in in this slice: the rows are resized in the next, so the browser's frame for the hosts and
    // its layout of the table for the taller rows are two frames, neither of them one long task.
    if (placedHere && resized.length) return slicer.wake();
    drained = false;
    placedAtOnce = 0;
    for (const e of resized) if (e.slot.isConnected) size(e, e.tall ? TALL : LINE);
    resized = [];
    for (const part of parts) part.settled?.();
  }
  const slicer = createSlicer(step, signal, { flush: settle });

  function takeDown(part: RowPart<R>, drawn: Drawn) {
    part.clear?.(drawn.root);
    drawn.host.remove();
  }
  function forget(entry: Entry<R>) {
    entry.hosts.forEach((h, i) => h && takeDown(parts[i]!, h));
    entry.slot.remove();
  }

  /**
   * Rows the host just rendered (`row`: the host's row element): each gets
   * its empty slot at `point` now, in the host's own DOM update.
   */
  function reserve(rows: { row: Element; point: MountPoint }[]) {
    if (signal.aborted) return;
    for (const [row, e] of entries) if (!row.isConnected || !e.slot.isConnected) entries.delete(row), forget(e);
    for (const { row, point } of rows) place(row, point);
  }
  function place(row: Element, point: MountPoint): Entry<R> {
    let entry = entries.get(row);
    if (entry) return entry;
    const slot = document.createElement(SLOT_TAG);
    const body = slot.appendChild(document.createElement(BODY_TAG));
    entry = { slot, body, row: null, stamps: parts.map(() => NOT_DRAWN), hosts: parts.map(() => null), tall: false, queued: false, unplaced: false };
    size(entry, LINE);
    insertAt(point, slot);
    entries.set(row, entry);
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
      for (const e of entries.values()) forget(e);
      entries = new Map();
      queue = [];
    },
    { once: true },
  );

  return {
    /** A feature's part, added in its init (before the page's rows are drawn): the order of adding is the order in each row. */
    part<S>(part: RowPart<R, S>) {
      parts.push(part);
      for (const e of entries.values()) e.stamps.push(NOT_DRAWN), e.hosts.push(null);
    },
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
    /** What the rows depend on may have changed: each part of each row is re-stamped, and redrawn if its stamp differs. */
    refresh() {
      for (const e of entries.values()) enqueue(e);
      slicer.wake();
    },
    get size() {
      return entries.size;
    },
  };
}
export type RowLayer<R> = ReturnType<typeof createRowLayer<R>>;
