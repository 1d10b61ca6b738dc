import { describe, expect, it } from 'vitest';
import { doubledFields, mappingToSave, missingFields, proposeMapping } from './mapping.ts';

describe('the column mapping the Import page proposes and saves', () => {
  const header = ['Given Name', 'Last Name', 'E-mail', 'Organizations', 'Notes'];

  it('reads platform headers as their fields, then the district\'s saved mapping; the rest stay out', () => {
    expect(proposeMapping('users', header, { 'e-mail': 'email' })).toEqual({ 'Given Name': '', 'Last Name': 'lastName', 'E-mail': 'email', Organizations: 'organizations', Notes: '' });
    expect(missingFields('users', proposeMapping('users', header, { 'e-mail': 'email' }))).toEqual(['First Name']);
    expect(missingFields('activity', { Product: 'product', At: 'at' })).toEqual(['Email']);
  });

  it('saves only what the platform\'s headers do not already say, keeping the district\'s other entries', () => {
    const saved = { 'e-mail': 'email', 'Other Export Col': 'roles' };
    const mapping = { ...proposeMapping('users', header, saved), 'Given Name': 'firstName' };
    expect(mappingToSave('users', mapping, saved)).toEqual({ 'e-mail': 'email', 'Other Export Col': 'roles', 'Given Name': 'firstName' });
    // Nothing new: nothing to save.
    expect(mappingToSave('users', proposeMapping('users', header, saved), saved)).toBeNull();
    // A column taken out again drops its saved entry.
    expect(mappingToSave('users', { ...proposeMapping('users', header, saved), 'E-mail': '' }, saved)).toEqual({ 'Other Export Col': 'roles' });
  });

  it('names a field two columns claim (the server refuses such a header)', () => {
    expect(doubledFields('users', { Email: 'email', 'E-mail': 'email', Roles: 'roles' })).toEqual(['Email']);
  });
});
