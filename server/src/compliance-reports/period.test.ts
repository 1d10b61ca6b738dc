import { describe, expect, it } from 'vitest';
import { periodOf } from './period.ts';

describe('periodOf', () => {
  it('keys a moment by day, ISO week and month (UTC)', () => {
    const at = new Date('2026-11-28T23:30:00Z');
    expect(periodOf('daily', at)).toBe('2026-11-28');
    expect(periodOf('weekly', at)).toBe('2026-W48');
    expect(periodOf('monthly', at)).toBe('2026-11');
  });

  it('puts the days around New Year in the ISO week of their Thursday', () => {
    expect(periodOf('weekly', new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(periodOf('weekly', new Date('2025-12-29T00:00:00Z'))).toBe('2026-W01');
    expect(periodOf('weekly', new Date('2026-11-23T00:00:00Z'))).toBe('2026-W48');
    expect(periodOf('weekly', new Date('2026-11-22T23:59:59Z'))).toBe('2026-W47');
  });
});
