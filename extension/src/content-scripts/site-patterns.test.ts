import { describe, expect, it } from 'vitest';
import { normaliseServerUrl } from '../background/server-url.ts';
import { matchesOverlay, overlayPatterns, permissionPattern } from './site-patterns.ts';

describe('where the overlay runs', () => {
  it('an admin-granted site: its exact origin, port included, on the admin pages only', () => {
    const patterns = overlayPatterns(['https://elearn.example.org:8443'], null, false);
    expect(patterns).toEqual(['https://elearn.example.org:8443/*/admin/*', 'https://elearn.example.org:8443/*/reports/license-claims*']);
    expect(permissionPattern('https://elearn.example.org:8443/x')).toBe('https://elearn.example.org:8443/*');
    expect(matchesOverlay('https://elearn.example.org:8443/elearn/admin/users?page=2', patterns)).toBe(true);
    expect(matchesOverlay('https://elearn.example.org:8443/weclimb/reports/license-claims?from=2026-01-01', patterns)).toBe(true);
    for (const elsewhere of ['https://elearn.example.org/elearn/admin/users', 'https://elearn.example.org:9999/elearn/admin/users', 'http://elearn.example.org:8443/elearn/admin/users', 'https://elearn.example.org:8443/elearn/profile', 'https://evil.example/elearn/admin/users']) {
      expect(matchesOverlay(elsewhere, patterns), elsewhere).toBe(false);
    }
  });

  it('the development build adds the signed-in loopback server’s stand-in host, on its port and /demo paths only; the store build never', () => {
    const dev = overlayPatterns([], 'http://127.0.0.1:8787', true);
    expect(matchesOverlay('http://127.0.0.1:8787/demo/elearn/admin/users', dev)).toBe(true);
    expect(matchesOverlay('http://127.0.0.1:8788/demo/elearn/admin/users', dev)).toBe(false);
    expect(matchesOverlay('http://127.0.0.1:8787/elearn/admin/users', dev)).toBe(false);
    expect(overlayPatterns([], 'https://seatwise.example.org', true)).toEqual([]);
    expect(overlayPatterns([], 'http://127.0.0.1:8787', false)).toEqual([]);
  });
});

describe('server URL', () => {
  it('must be https, except on this computer', () => {
    expect(normaliseServerUrl('seatwise.example.org/')).toBe('https://seatwise.example.org');
    expect(normaliseServerUrl('https://seatwise.example.org:8443/api')).toBe('https://seatwise.example.org:8443');
    expect(normaliseServerUrl('127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(normaliseServerUrl('http://localhost:8787')).toBe('http://localhost:8787');
    expect(() => normaliseServerUrl('http://seatwise.example.org')).toThrow(/only sends your token over https/);
    expect(() => normaliseServerUrl('ftp://seatwise.example.org')).toThrow(/not an http/);
  });
});
