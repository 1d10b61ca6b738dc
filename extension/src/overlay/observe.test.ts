import { afterEach, describe, expect, it, vi } from 'vitest';
import { observe } from './observe.ts';

const row = (id: string) => Object.assign(document.createElement('tr'), { className: 'row', id });
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('observe', () => {
  afterEach(() => document.body.replaceChildren());

  it('handles elements present now and rendered later, each once', async () => {
    document.body.innerHTML = '<table><tbody><tr class="row" id="a"></tr></tbody></table>';
    const seen: string[][] = [];
    const controller = new AbortController();
    observe('tr.row', (els) => seen.push(els.map((e) => e.id)), { signal: controller.signal, name: 't1' });
    const tbody = document.querySelector('tbody')!;
    tbody.append(row('b'), row('c'));
    await tick();
    tbody.append(document.createElement('div')); // unrelated mutation: nothing new
    await tick();
    expect(seen).toEqual([['a'], ['b', 'c']]);
    controller.abort();
  });

  it('handles re-rendered rows (new elements) again, and marks handled ones', async () => {
    document.body.innerHTML = '<table><tbody><tr class="row" id="a"></tr></tbody></table>';
    const seen: string[] = [];
    const controller = new AbortController();
    observe('tr.row', (els) => seen.push(...els.map((e) => e.id)), { signal: controller.signal, name: 't2' });
    expect(document.getElementById('a')!.hasAttribute('data-seatwise-t2')).toBe(true);
    document.querySelector('tbody')!.replaceChildren(row('a'));
    await tick();
    expect(seen).toEqual(['a', 'a']);
    controller.abort();
  });

  it('stops on abort and clears its markers so the next run handles the same elements', async () => {
    document.body.innerHTML = '<div class="x"></div>';
    const first: number[] = [];
    const controller = new AbortController();
    observe('.x', (els) => first.push(els.length), { signal: controller.signal, name: 't3' });
    controller.abort();
    expect(document.querySelector('.x')!.hasAttribute('data-seatwise-t3')).toBe(false);
    document.body.insertAdjacentHTML('beforeend', '<div class="x"></div>');
    await tick();
    expect(first).toEqual([1]);
    const again: number[] = [];
    const next = new AbortController();
    observe('.x', (els) => again.push(els.length), { signal: next.signal, name: 't3' });
    expect(again).toEqual([2]);
    next.abort();
  });

  it('ignores an invalid selector instead of throwing into the page', () => {
    const controller = new AbortController();
    expect(() => observe('tr[', () => undefined, { signal: controller.signal, name: 't4' })).not.toThrow();
    controller.abort();
  });

  it("does not search the page again for a DOM update that only added the overlay's own elements", async () => {
    document.body.innerHTML = '<table><tbody><tr class="row" id="a"><td></td></tr></tbody></table>';
    const controller = new AbortController();
    const seen: string[] = [];
    observe('tr.row', (els) => seen.push(...els.map((e) => e.id)), { signal: controller.signal, name: 't5' });
    const searches = vi.spyOn(document, 'querySelectorAll');
    // A row layer's slice: slots and hosts into thousands of rows; each search would walk the whole page again.
    document.querySelector('td')!.append(document.createElement('seatwise-row'), document.createElement('seatwise-ui'), document.createTextNode(' '));
    await tick();
    expect(searches).not.toHaveBeenCalled();
    document.querySelector('tbody')!.append(row('b'));
    await tick();
    expect(searches).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(['a', 'b']);
    searches.mockRestore();
    controller.abort();
  });
});
