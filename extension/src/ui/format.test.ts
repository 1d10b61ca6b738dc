import { describe, expect, it } from 'vitest';
import { daysLeftText, formatTimeLeft, plural } from './format.ts';

describe('format', () => {
  it('agrees counts with their nouns', () => {
    expect(plural(1, 'seat')).toBe('1 seat');
    expect(plural(0, 'seat')).toBe('0 seats');
    expect(plural(1200, 'organization')).toBe('1,200 organizations');
    expect(plural(1, 'person', 'people')).toBe('1 person');
  });

  it('tells a term in words: days left, days of grace left, or how long ago it ended', () => {
    expect(daysLeftText(1, 'expiring')).toBe('1 day left');
    expect(daysLeftText(21, 'active')).toBe('21 days left');
    expect(daysLeftText(-12, 'grace', 18)).toBe('18 days of grace left');
    expect(daysLeftText(-1, 'grace')).toBe('ended 1 day ago');
    expect(daysLeftText(-40, 'expired')).toBe('expired');
    expect(daysLeftText(null, null)).toBe('No pool');
  });
});

describe('formatTimeLeft', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');
  it('counts whole minutes down, then says under a minute, then expired', () => {
    expect(formatTimeLeft('2026-06-01T12:15:00Z', now)).toBe('15 min left');
    expect(formatTimeLeft('2026-06-01T12:14:59Z', now)).toBe('14 min left');
    expect(formatTimeLeft(now + 59_000, now)).toBe('under a minute left');
    expect(formatTimeLeft(now, now)).toBe('expired');
  });
});
