import { effect } from '@preact/signals';
import type { MountPoint } from '../adapters/index.ts';
import type { UserRow } from '../adapters/users-list.ts';
import type { FeatureContext } from './feature.ts';
import { observe } from './observe.ts';
import { createRowLayer, type RowLayer } from './row-layer.ts';
import { pageRowLookups } from './row-lookups.ts';
import { createSlicer } from './slices.ts';

/** A host row as found, before it is read: its element, user id and where its chips go. */
export interface FoundRow {
  rowElement: Element;
  hostUserId: string;
  anchor: MountPoint;
}

export interface RowsListener {
  /** Rows the host just rendered, in its own DOM update: take only what costs nothing there. */
  found?(rows: FoundRow[]): void;
  /** The same rows read, a slice's worth at a time. */
  read?(rows: UserRow[]): void;
}

/**
 * The Users list's host rows, for all its features: each row the host
 * renders is found once (its id and anchor, cheap: the lookup for the whole
 * render leaves at once) and read once, in slices that hand the page back
 * within SLICE_MS, rows on screen first, whatever the number of features
 * that show something in it.
 */
function createPageRows(ctx: FeatureContext<'users-list'>, signal: AbortSignal) {
  const adapter = ctx.adapters.usersList;
  const lookups = pageRowLookups(ctx);
  const listeners: RowsListener[] = [];
  let queue: Element[] = [];
  let next = 0;
  let read: UserRow[] = [];
  /** Rows were found since the last slice: the queue is put in screen order first. */
  let unordered = false;
  /**
   * Rows on screen first: on a page scrolled down, reading (and so drawing)
   * starts at the first row on screen, the rows below follow, then the rows
   * above. Rows are in the page's order, so a binary search finds it in a
   * dozen reads of a row's box (the host's first layout of its rows is done
   * by now, or due in this frame anyway). A page at its top reads from the top.
   */
  function screenOrder() {
    unordered = false;
    if (!window.scrollY) return;
    let lo = next;
    let hi = queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (queue[mid]!.getBoundingClientRect().bottom <= 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo > next) (queue = [...queue.slice(lo), ...queue.slice(next, lo)]), (next = 0);
  }
  const slicer = createSlicer(
    () => {
      if (unordered) screenOrder();
      const el = queue[next++];
      if (!el) {
        queue = [];
        next = 0;
        return false;
      }
      const row = el.isConnected ? adapter.readRow(el) : null;
      if (row) read.push(row);
      return true;
    },
    signal,
    {
      flush() {
        const rows = read;
        read = [];
        if (rows.length) for (const l of listeners) l.read?.(rows);
      },
    },
  );
  // After the current task's synchronous code: every feature of the page subscribes in its init, before the first rows are handed out.
  queueMicrotask(() =>
    observe(
      adapter.selectors.rows,
      (elements) => {
        const found = elements.flatMap((rowElement) => {
          const key = adapter.rowKey(rowElement);
          return key ? [{ rowElement, ...key }] : [];
        });
        lookups.want(found);
        for (const l of listeners) l.found?.(found);
        queue.push(...found.map((f) => f.rowElement));
        unordered = true;
        slicer.wake();
      },
      { signal, name: 'users-rows' },
    ),
  );
  return {
    /** Call in a feature's init: rows found and read from then on go to `listener`. */
    subscribe(listener: RowsListener) {
      listeners.push(listener);
    },
  };
}
export type PageRows = ReturnType<typeof createPageRows>;

/** The page's one reader of its host rows, made on the first feature's ask. */
export const pageRows = (ctx: FeatureContext<'users-list'>): PageRows => ctx.shared('page-rows', (signal) => createPageRows(ctx, signal));

/**
 * The page's one row layer: every Users-list feature that shows something in
 * the rows adds its part to it (in its init). Each row's slot goes in with the
 * host's own rows, its drawing once the row is read, and after each answer (or
 * failure) the parts whose stamp changed are drawn again.
 */
export const pageRowLayer = (ctx: FeatureContext<'users-list'>): RowLayer<UserRow> =>
  ctx.shared('row-layer', (signal) => {
    const layer = createRowLayer<UserRow>(signal);
    const lookups = pageRowLookups(ctx);
    pageRows(ctx).subscribe({
      // The lookup has left already.
      found: (rows) => layer.reserve(rows.map((r) => ({ row: r.rowElement, point: r.anchor }))),
      read: (rows) => layer.draw(rows.map((row) => ({ element: row.rowElement, point: row.anchor, row }))),
    });
    // One subscription for every row.
    const stop = effect(() => {
      void lookups.version.value;
      void lookups.failure.value;
      void lookups.slow.value;
      layer.refresh();
    });
    signal.addEventListener('abort', stop, { once: true });
    return layer;
  });
