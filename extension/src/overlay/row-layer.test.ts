import { describe, expect, it, vi } from 'vitest';
import { createRowLayer, type RowPart } from './row-layer.ts';
import { createSlicer, SLICE_MS } from './slices.ts';

const settle = () => new Promise((r) => setTimeout(r, 20));

/** A row layer with one part drawing plain text (`paint` as a part's, given its root). */
function layerOf<R>(
  signal: AbortSignal,
  { stamp, paint }: { stamp: (row: R) => unknown; paint: (root: HTMLElement, row: R) => { ready: boolean; oneLine: boolean } },
  feature = 'test-layer',
) {
  const layer = createRowLayer<R>(signal);
  layer.part({ feature, stamp, paint: (row, root) => paint(root(), row) });
  return layer;
}

/** Draws every row, and answers how many hosts were in the page after each DOM update that put some in, and how many rows `drawn()` said were drawn by then. */
async function hostsInPageAsDrawn(layer: ReturnType<typeof createRowLayer<{ id: string }>>, rows: ReturnType<typeof table>, drawn = () => 0): Promise<{ inPage: number; drawn: number }[]> {
  const seen: { inPage: number; drawn: number }[] = [];
  const watch = new MutationObserver(() => seen.push({ inPage: document.querySelectorAll('seatwise-ui').length, drawn: drawn() }));
  watch.observe(document.body, { childList: true, subtree: true });
  layer.draw(rows.map((r) => ({ element: r.tr, point: { element: r.cell, where: 'append' as const }, row: { id: r.id } })));
  await vi.waitFor(() => expect(document.querySelectorAll('seatwise-ui[data-ready]')).toHaveLength(rows.length));
  watch.disconnect();
  return seen.filter((s) => s.inPage > 0);
}

function table(n: number) {
  document.body.innerHTML = '';
  const rows = Array.from({ length: n }, (_, i) => {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.textContent = `user ${i}`;
    tr.append(td);
    document.body.append(tr);
    return { id: `u${i}`, tr, cell: td };
  });
  return rows;
}

describe('createRowLayer', () => {
  it('gives every row one host, draws each once, and redraws only rows whose stamp changed', async () => {
    const rows = table(50);
    const answers = new Map<string, string>();
    const painted: string[] = [];
    const layer = layerOf<{ id: string }>(new AbortController().signal, {
      stamp: (row) => answers.get(row.id),
      paint: (root, row) => ((root.textContent = answers.get(row.id) ?? 'loading'), painted.push(row.id), { ready: answers.has(row.id), oneLine: true }),
    });
    const point = (r: (typeof rows)[number]) => ({ element: r.cell, where: 'append' as const });
    layer.reserve(rows.map((r) => ({ row: r.tr, point: point(r) })));
    // Each row's slot is in at once, of fixed size (drawing in it never lays the table out again); the hosts come with the drawings.
    expect(rows.every((r) => r.cell.querySelectorAll('seatwise-row').length === 1)).toBe(true);
    expect(rows[0]!.cell.querySelector<HTMLElement>('seatwise-row')!.style.contain).toBe('strict');
    // Off-screen drawings are skipped by the box inside the slot, never by the slot (Chromium rebuilds a skipping box's layout object when it comes on screen: the table would be laid out again).
    expect(rows[0]!.cell.querySelector<HTMLElement>('seatwise-row')!.style.contentVisibility).toBe('');
    expect(rows[0]!.cell.querySelector<HTMLElement>('seatwise-row > seatwise-row-body')!.style.contentVisibility).toBe('auto');
    expect(document.querySelectorAll('seatwise-ui')).toHaveLength(0);
    layer.draw(rows.map((r) => ({ element: r.tr, point: point(r), row: { id: r.id } })));
    expect(painted).toHaveLength(0); // nothing drawn in the caller's task
    await vi.waitFor(() => expect(painted).toHaveLength(50));
    expect(document.querySelectorAll('seatwise-ui[data-feature="test-layer"]')).toHaveLength(50);
    expect(rows.every((r) => r.cell.querySelectorAll('seatwise-ui').length === 1)).toBe(true);
    expect(painted).toHaveLength(50);

    painted.length = 0;
    answers.set('u3', 'eLearn');
    layer.refresh();
    layer.refresh();
    await vi.waitFor(() => expect(painted).toEqual(['u3']));
    await settle();
    expect(painted).toEqual(['u3']);
    expect(rows[3]!.cell.querySelector('seatwise-ui')!.shadowRoot!.textContent).toBe('eLearn');
    expect(document.querySelectorAll('seatwise-ui[data-ready]')).toHaveLength(1);
    // A refresh never adds a second host to a row.
    expect(document.querySelectorAll('seatwise-ui')).toHaveLength(50);
  });

  it('lets a drawing longer than one line take its own height', async () => {
    const rows = table(2);
    const layer = layerOf<{ id: string }>(new AbortController().signal, { stamp: () => 1, paint: (_root, row) => ({ ready: true, oneLine: row.id === 'u0' }) });
    layer.draw(rows.map((r) => ({ element: r.tr, point: { element: r.cell, where: 'append' as const }, row: { id: r.id } })));
    await vi.waitFor(() => expect(document.querySelectorAll('seatwise-ui[data-ready]')).toHaveLength(2));
    const [one, two] = rows.map((r) => r.cell.querySelector<HTMLElement>('seatwise-row')!);
    expect([one!.style.contain, one!.style.height]).toEqual(['strict', '22px']);
    expect([two!.style.contain, two!.style.height]).toEqual(['content', '']);
  });

  it('resizes the rows drawn taller than one line together, once every queued row is drawn (one layout of the table, not one per slice)', async () => {
    const rows = table(8);
    const heightsSeen: string[] = [];
    const layer = layerOf<{ id: string }>(new AbortController().signal, {
      stamp: () => 1,
      paint: (_root, row) => {
        // Each row takes half a slice: the eight rows are drawn over several slices.
        const end = performance.now() + SLICE_MS / 2;
        while (performance.now() < end);
        heightsSeen.push(rows[0]!.cell.querySelector<HTMLElement>('seatwise-row')!.style.height);
        return { ready: true, oneLine: row.id !== 'u0' };
      },
    });
    layer.draw(rows.map((r) => ({ element: r.tr, point: { element: r.cell, where: 'append' as const }, row: { id: r.id } })));
    await vi.waitFor(() => expect(document.querySelectorAll('seatwise-ui[data-ready]')).toHaveLength(8));
    await settle();
    // Row u0 is tall from the first slice on, yet kept its one line while the later slices drew.
    expect(heightsSeen).toEqual(Array(8).fill('22px'));
    expect(rows[0]!.cell.querySelector<HTMLElement>('seatwise-row')!.style.contain).toBe('content');
  });

  it('puts a screenful of drawings in as they are drawn, and the rest together once every row is drawn (one frame of the page for them, not one per slice)', async () => {
    const screenful = Math.ceil(window.innerHeight / 22);
    const rows = table(screenful * 3);
    let drawnRows = 0;
    const layer = layerOf<{ id: string }>(new AbortController().signal, {
      stamp: () => 1,
      paint: (root, row) => {
        // A tenth of a slice a row: the rows are drawn over many slices.
        const end = performance.now() + SLICE_MS / 10;
        while (performance.now() < end);
        root.textContent = row.id;
        drawnRows++;
        return { ready: true, oneLine: true };
      },
    });
    const after = await hostsInPageAsDrawn(layer, rows, () => drawnRows);
    // The first screenful went in over the first slices (rows come in screen order); nothing more until every row was drawn.
    expect(after.length).toBeGreaterThan(1);
    expect(after.filter((s) => s.drawn < rows.length).every((s) => s.inPage <= screenful)).toBe(true);
    expect(after.some((s) => s.drawn < rows.length && s.inPage === screenful)).toBe(true);
    expect(after.at(-1)!.inPage).toBe(rows.length);
    // In the rows' order in each row, whichever slice drew them.
    expect(rows.every((r) => r.cell.querySelector('seatwise-ui')?.shadowRoot?.textContent === r.id)).toBe(true);
  });

  it('puts at most 500 drawings in per slice, so no frame of the browser takes in thousands', async () => {
    const rows = table(1200);
    const layer = layerOf<{ id: string }>(new AbortController().signal, { stamp: () => 1, paint: (root, row) => ((root.textContent = row.id), { ready: true, oneLine: true }) });
    const steps = (await hostsInPageAsDrawn(layer, rows)).map(({ inPage }, i, all) => inPage - (all[i - 1]?.inPage ?? 0));
    expect(Math.max(...steps)).toBeLessThanOrEqual(500);
    expect(steps.reduce((a, b) => a + b, 0)).toBe(rows.length);
  });

  it('forgets rows the host removed and takes every host away when its page goes', async () => {
    const rows = table(10);
    const controller = new AbortController();
    const painted: string[] = [];
    const layer = layerOf<{ id: string }>(controller.signal, { stamp: () => 1, paint: (_root, row) => (painted.push(row.id), { ready: true, oneLine: true }) });
    // Rows read without being reserved first are placed when drawn.
    layer.draw(rows.map((r) => ({ element: r.tr, point: { element: r.cell, where: 'append' as const }, row: { id: r.id } })));
    await vi.waitFor(() => expect(painted).toHaveLength(10));
    rows.slice(0, 4).forEach((r) => r.tr.remove());
    layer.reserve([]);
    expect(layer.size).toBe(6);
    controller.abort();
    expect(document.querySelectorAll('seatwise-row, seatwise-ui')).toHaveLength(0);
  });
});

describe('createRowLayer parts', () => {
  it("puts every feature's UI in the row's one slot, in the parts' order, takes a part's host away when it shows nothing, and lays the table out once for the rows it makes taller", async () => {
    const rows = table(6);
    const unknown = new Set(['u1', 'u4']);
    const cleared: string[] = [];
    const heightsSeen: string[] = [];
    const layer = createRowLayer<{ id: string }>(new AbortController().signal);
    const chips: RowPart<{ id: string }> = {
      feature: 'chips',
      stamp: () => 1,
      paint: (row, root) => {
        // The chips of every row are drawn over several slices.
        const end = performance.now() + SLICE_MS / 2;
        while (performance.now() < end);
        heightsSeen.push(...rows.map((r) => r.cell.querySelector<HTMLElement>('seatwise-row')!.style.height));
        root().textContent = `chips ${row.id}`;
        return { ready: true, oneLine: true };
      },
    };
    const sync: RowPart<{ id: string }> = {
      feature: 'sync',
      stamp: (row) => unknown.has(row.id),
      paint: (row, root) => (unknown.has(row.id) ? ((root().textContent = `sync ${row.id}`), { ready: true, oneLine: true }) : null),
      clear: (root) => void cleared.push(root.textContent ?? ''),
    };
    layer.part(chips);
    layer.part(sync);
    const point = (r: (typeof rows)[number]) => ({ element: r.cell, where: 'append' as const });
    layer.reserve(rows.map((r) => ({ row: r.tr, point: point(r) })));
    layer.draw(rows.map((r) => ({ element: r.tr, point: point(r), row: { id: r.id } })));
    await vi.waitFor(() => expect(document.querySelectorAll('seatwise-ui[data-feature="chips"]')).toHaveLength(6));
    await settle();
    // One slot per row holds them all; the cell has nothing else of ours.
    for (const r of rows) expect([...r.cell.children].map((c) => c.localName)).toEqual(['seatwise-row']);
    const features = (i: number) => [...rows[i]!.cell.querySelector('seatwise-row > seatwise-row-body')!.children].map((h) => h.getAttribute('data-feature'));
    expect(features(1)).toEqual(['chips', 'sync']);
    expect(features(0)).toEqual(['chips']);
    // Two lines in a slot: taller, but only once every row was drawn.
    expect(heightsSeen.every((h) => h === '22px')).toBe(true);
    expect(rows.map((r) => r.cell.querySelector<HTMLElement>('seatwise-row')!.style.contain)).toEqual(['strict', 'content', 'strict', 'strict', 'content', 'strict']);

    // A part that shows nothing now loses its host (taken down first); the row is one line again.
    unknown.delete('u1');
    unknown.add('u2');
    layer.refresh();
    await vi.waitFor(() => expect(features(2)).toEqual(['chips', 'sync']));
    expect(features(1)).toEqual(['chips']);
    expect(cleared).toEqual(['sync u1']);
    await settle();
    expect(rows.map((r) => r.cell.querySelector<HTMLElement>('seatwise-row')!.style.contain)).toEqual(['strict', 'strict', 'content', 'strict', 'content', 'strict']);
  });

  it('keeps the parts in their order in a row whatever part drew first', async () => {
    const rows = table(1);
    const layer = createRowLayer<{ id: string }>(new AbortController().signal);
    let chipsReady = false;
    layer.part({ feature: 'chips', stamp: () => chipsReady, paint: (_row, root) => (chipsReady ? ((root().textContent = 'chips'), { ready: true, oneLine: true }) : null) });
    layer.part({ feature: 'drift', stamp: () => 1, paint: (_row, root) => ((root().textContent = 'drift'), { ready: true, oneLine: false }) });
    layer.draw([{ element: rows[0]!.tr, point: { element: rows[0]!.cell, where: 'append' }, row: { id: 'u0' } }]);
    await vi.waitFor(() => expect(document.querySelectorAll('seatwise-ui')).toHaveLength(1));
    chipsReady = true;
    layer.refresh();
    await vi.waitFor(() => expect(document.querySelectorAll('seatwise-ui')).toHaveLength(2));
    expect([...document.querySelectorAll('seatwise-ui')].map((h) => h.getAttribute('data-feature'))).toEqual(['chips', 'drift']);
  });
});

describe('createSlicer', () => {
  it('hands the page back once a slice has run SLICE_MS, and carries on in the next task', async () => {
    let clock = 0;
    let left = 10;
    const perSlice: number[] = [];
    let inSlice = 0;
    const slicer = createSlicer(
      () => {
        inSlice++;
        clock += SLICE_MS / 4; // each unit of work takes a quarter of a slice
        left--;
        if (left === 0 || clock % SLICE_MS === 0) perSlice.push(inSlice), (inSlice = 0);
        return left > 0;
      },
      new AbortController().signal,
      { now: () => clock },
    );
    slicer.wake();
    expect(left).toBe(10); // nothing runs in the caller's task
    await settle();
    expect(left).toBe(0);
    expect(Math.max(...perSlice)).toBeLessThanOrEqual(4);
    expect(perSlice.length).toBeGreaterThanOrEqual(3);
  });
});
