import type { ImportIssue } from '@seatwise/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { ISSUE_ROW_PX, IssuesTable } from './issues-table.tsx';

describe('the invalid rows of a 100,000-row dry run', () => {
  const issues: ImportIssue[] = Array.from({ length: 100_000 }, (_, i) => ({ line: i + 2, field: i % 3 ? 'Email' : 'Organizations', reason: `reason ${i}` }));

  it('puts a screenful of rows in the page, not 100,000, and follows the scroll', () => {
    const root = document.createElement('div');
    document.body.append(root);
    const rendered = performance.now();
    act(() => render(<IssuesTable issues={issues} />, root));
    const renderMs = performance.now() - rendered;
    const rows = () => root.querySelectorAll('tbody tr:not([aria-hidden])');
    expect(rows().length).toBeLessThan(40);
    expect(rows()[0]!.textContent).toBe('2Organizationsreason 0');
    // Spacers keep the scroll height of every row.
    const spacer = root.querySelector<HTMLElement>('tbody tr[aria-hidden]')!;
    expect(parseInt(spacer.style.height)).toBeGreaterThan(99_000 * ISSUE_ROW_PX);
    expect(root.querySelector('.issue-columns')!.textContent).toBe('Email 66,666Organizations 33,334');

    const scroller = root.querySelector<HTMLElement>('.issues-scroll')!;
    const scrolled = performance.now();
    scroller.scrollTop = 50_000 * ISSUE_ROW_PX;
    act(() => void scroller.dispatchEvent(new Event('scroll')));
    const scrollMs = performance.now() - scrolled;
    const lines = [...rows()].map((r) => Number(r.querySelector('td')!.textContent));
    expect(lines).toContain(50_002);
    expect(rows().length).toBeLessThan(40);
    // A figure, not an assertion: speed is for benchmarks.
    console.log(`100,000 invalid rows: first render ${renderMs.toFixed(1)} ms, scroll to the middle ${scrollMs.toFixed(1)} ms, ${rows().length} rows in the DOM`);
    root.remove();
  });
});
