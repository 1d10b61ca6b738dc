import { describe, expect, it } from 'vitest';
import { useFixture } from '../testing/test-server.ts';
import { countTurns } from '../testing/turns.ts';
import { CSV_PAGE_ROWS } from './csv.ts';

/**
 * A CSV export hands the event loop back between pages: everything else
 * waiting (a /health check, a lookup) gets its turn before the next page is
 * read. Observed from outside with a ticker that advances once per turn.
 */
describe('CSV exports do not monopolise the event loop', () => {
  const fx = useFixture({ pools: [{ id: 'p_el', orgId: 'd1', sku: 'elearn', seats: 10 }] });
  const ROWS = CSV_PAGE_ROWS * 3 + 500;

  it('streams a multi-page export one page per event-loop turn', async () => {
    const at = new Date('2026-05-01T00:00:00.000Z').toISOString();
    for (let i = 0; i < ROWS; i += 500) {
      const values = Array.from({ length: Math.min(500, ROWS - i) }, (_, k) => `('${at}', 'usr_x${i + k}', 's1', 'elearn', 'p_el', 'elearn', 'import', null)`);
      await fx.server.database.client.execute(`insert into claims (at, user_id, org_id, product, pool_id, sku, how, actor_id) values ${values.join(',')}`);
    }
    const loop = countTurns();
    const res = await fx.server.app.request('/api/v1/reports/claims/export.csv', { headers: { authorization: `Bearer ${fx.tokens.sys}` } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const chunks: { turn: number; lines: number }[] = [];
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const part = decoder.decode(value, { stream: true });
      text += part;
      chunks.push({ turn: loop.turns, lines: part.split('\n').length - 1 });
    }
    loop.stop();
    expect(text.trim().split('\n')).toHaveLength(ROWS + 1);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    for (const c of chunks) expect(c.lines).toBeLessThanOrEqual(CSV_PAGE_ROWS + 1);
    // Every page after the first was read on a later turn of the event loop than the one before it.
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.turn, `page ${i}`).toBeGreaterThan(chunks[i - 1]!.turn);
  });
});
