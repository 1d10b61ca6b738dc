import { describe, expect, it } from 'vitest';
import { createPagedQuery } from './paged-query.ts';

type Page = { rows: string[]; nextCursor: string | null };
const shape = { rows: (p: Page) => p.rows, nextCursor: (p: Page) => p.nextCursor };

/** A fetch whose answers the test releases by hand, to order them as a slow network would. */
function controlledFetch() {
  const pending: { query: Record<string, string | undefined>; resolve: (p: Page) => void }[] = [];
  const fetchPage = (query: Record<string, string | undefined>) => new Promise<Page>((resolve) => pending.push({ query, resolve }));
  return { pending, fetchPage };
}

describe('createPagedQuery', () => {
  it('keeps the answer of the latest filter when an earlier one arrives after it', async () => {
    const { pending, fetchPage } = controlledFetch();
    const q = createPagedQuery<Page, string>({}, fetchPage, shape);
    q.setFilter('product', 'elearn');
    q.setFilter('product', 'weclimb');
    pending[1]!.resolve({ rows: ['weclimb row'], nextCursor: null });
    await Promise.resolve();
    pending[0]!.resolve({ rows: ['elearn row'], nextCursor: 'c2' });
    await new Promise((r) => setTimeout(r, 0));
    expect(q.rows.value).toEqual(['weclimb row']);
    expect(q.nextCursor.value).toBeNull();
    expect(q.loading.value).toBe(false);
  });

  it('drops a "load more" page that belongs to a filter since replaced', async () => {
    const { pending, fetchPage } = controlledFetch();
    const q = createPagedQuery<Page, string>({}, fetchPage, shape);
    void q.load();
    pending[0]!.resolve({ rows: ['a'], nextCursor: 'c2' });
    await new Promise((r) => setTimeout(r, 0));
    void q.loadMore();
    expect(pending[1]!.query).toEqual({ cursor: 'c2' });
    q.setFilter('product', 'weclimb');
    pending[2]!.resolve({ rows: ['w'], nextCursor: null });
    pending[1]!.resolve({ rows: ['b'], nextCursor: null });
    await new Promise((r) => setTimeout(r, 0));
    expect(q.rows.value).toEqual(['w']);
  });
});
