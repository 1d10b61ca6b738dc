import { afterEach, describe, expect, it, vi } from 'vitest';
import { usersListAdapter, type UserRow } from '../adapters/users-list.ts';
import { loadSnapshot } from '../adapters/snapshot.ts';
import { createFakeBackend, tick } from '../testing/fake-backend.ts';
import type { FeatureContext } from './feature.ts';
import { pageRows, type FoundRow } from './page-rows.ts';

/** The saved stand-in Users page's body in this document, and a page context whose adapter counts its full row reads. */
function setup() {
  document.body.replaceChildren(...[...loadSnapshot('users-list').body.childNodes].map((n) => document.importNode(n, true)));
  const adapters = { usersList: usersListAdapter() };
  const reads: string[] = [];
  const readRow = adapters.usersList.readRow;
  adapters.usersList.readRow = (row) => (reads.push(row.getAttribute('data-user-id') ?? ''), readRow(row));
  const backend = createFakeBackend({ 'users.lookup': ({ externalIds = [] }) => externalIds.map(() => ({ user: null, licenses: [], lastActiveAt: null })) as never });
  const controller = new AbortController();
  const shared = new Map<string, unknown>();
  const ctx = {
    backend,
    adapters,
    shared: <T,>(k: string, make: (s: AbortSignal) => T) => (shared.has(k) ? (shared.get(k) as T) : (shared.set(k, make(controller.signal)), shared.get(k) as T)),
  } as unknown as FeatureContext<'users-list'>;
  return { ctx, backend, reads, controller };
}

describe('pageRows', () => {
  afterEach(() => document.body.replaceChildren());

  it('finds every row of a render at once (one lookup), then reads each once, in slices, for every feature', async () => {
    const { ctx, backend, reads, controller } = setup();
    const tbody = document.querySelector('#users-table tbody')!;
    const fresh = [...tbody.children].slice(0, 5).map((tr) => tr.cloneNode(true)); // as the host renders them: new elements
    const found: FoundRow[][] = [];
    const readA: UserRow[] = [];
    const readB: UserRow[] = [];
    // Two features of the page subscribe in their init, in the same task.
    pageRows(ctx).subscribe({ found: (rows) => found.push(rows), read: (rows) => readA.push(...rows) });
    pageRows(ctx).subscribe({ read: (rows) => readB.push(...rows) });
    await Promise.resolve();
    // Found in the same task, before any full read: ids and anchors only.
    expect(found).toHaveLength(1);
    expect(found[0]).toHaveLength(25);
    expect(found[0]!.every((f) => f.anchor.element.matches('td.col-email'))).toBe(true);
    expect(reads).toHaveLength(0);
    expect(backend.calls.filter((c) => c.type === 'users.lookup')).toHaveLength(1);
    expect((backend.calls[0]!.payload as { externalIds: string[] }).externalIds).toHaveLength(25);

    await vi.waitFor(() => expect(reads).toHaveLength(25), { timeout: 10_000 });
    expect(new Set(reads).size).toBe(25);
    expect(readA.map((r) => r.hostUserId)).toEqual(found[0]!.map((f) => f.hostUserId));
    expect(readB).toEqual(readA);

    // A re-render: the new rows are found and read once more, and asked for in one request.
    tbody.replaceChildren(...fresh);
    await vi.waitFor(() => expect(reads).toHaveLength(30), { timeout: 10_000 });
    expect(found).toHaveLength(2);
    expect(found[1]).toHaveLength(5);
    await tick();
    expect(backend.calls.filter((c) => c.type === 'users.lookup')).toHaveLength(2);
    controller.abort();
  });

  it('reads the rows on screen first on a page scrolled down, then the rows below them, then the rows above', async () => {
    const { ctx, controller } = setup();
    const rows = [...document.querySelectorAll('#users-table tr.user-row')];
    // Scrolled so that the 11th row is the first on screen (happy-dom lays nothing out: each row is 30 px tall, 300 px scrolled off).
    rows.forEach((tr, i) => (tr.getBoundingClientRect = () => ({ top: i * 30 - 300, bottom: i * 30 - 270 }) as DOMRect));
    const scrollY = Object.getOwnPropertyDescriptor(window, 'scrollY');
    Object.defineProperty(window, 'scrollY', { value: 300, configurable: true });
    try {
      const order: string[] = [];
      pageRows(ctx).subscribe({ read: (read) => order.push(...read.map((r) => r.hostUserId)) });
      await vi.waitFor(() => expect(order).toHaveLength(rows.length), { timeout: 10_000 });
      const ids = rows.map((tr) => tr.getAttribute('data-user-id'));
      expect(order).toEqual([...ids.slice(10), ...ids.slice(0, 10)]);
    } finally {
      if (scrollY) Object.defineProperty(window, 'scrollY', scrollY);
      else delete (window as { scrollY?: number }).scrollY;
      controller.abort();
    }
  });
});
