import { describe, expect, it } from 'vitest';
import { keepHomeFirst } from './home-org.ts';

describe('keepHomeFirst', () => {
  it('keeps the home organization first while it stays selected, new ones after', () => {
    expect(keepHomeFirst(['s2', 's1'], ['s1', 's2', 's3'])).toEqual(['s2', 's1', 's3']);
  });
  it('a deselected home gives way to the next known organization', () => {
    expect(keepHomeFirst(['s2', 's1'], ['s1', 's3'])).toEqual(['s1', 's3']);
  });
  it('an unknown user takes the host order', () => {
    expect(keepHomeFirst([], ['s3', 's1'])).toEqual(['s3', 's1']);
  });
});
