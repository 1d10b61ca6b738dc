import { describe, expect, it } from 'vitest';
import { hostTestApp } from './test-app.ts';

const { app } = hostTestApp();

describe('host pages', () => {
  it.each(['/demo', '/demo/'])('serves the landing page at %s', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/demo/elearn/admin/users"');
    expect(html).toContain('href="/demo/weclimb/admin/users"');
  });

  it.each([
    ['/demo/elearn/admin/users', 'users-list'],
    ['/demo/weclimb/admin/users?rows=100', 'users-list'],
    ['/demo/elearn/admin/users/MT-100001/edit', 'edit-user'],
    ['/demo/weclimb/admin/licenses', 'licenses'],
    ['/demo/elearn/reports/license-claims', 'license-claims'],
    ['/demo/weclimb/observations', 'observations'],
  ])('deep link %s serves the shell for %s', async (path, page) => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain(`data-page="${page}"`);
    expect(html).toContain('<div id="page-root"');
    expect(html).toContain('<script type="module" src="/demo/assets/host.js">');
    // Only the host's own files run and style it: no inline script or style, no framing.
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(html).not.toMatch(/<style|\sstyle=|<script>/);
  });

  it('names the app in the header and lists the sidebar sections', async () => {
    const weclimb = await (await app.request('/demo/weclimb/admin/users')).text();
    expect(weclimb).toContain('data-app="weclimb"');
    expect(weclimb).toContain('<span class="mt-app-name">weCLIMB</span>');
    for (const nav of ['users-list', 'licenses', 'license-claims', 'observations']) expect(weclimb).toContain(`data-nav="${nav}"`);
    const elearn = await (await app.request('/demo/elearn/admin/licenses')).text();
    expect(elearn).toContain('<span class="mt-app-name">eLearn</span>');
    expect(elearn).not.toContain('data-nav="observations"');
    expect(elearn).toMatch(/class="nav-link active" data-nav="licenses"/);
  });

  it.each(['/demo/other/admin/users', '/demo/elearn/observations', '/demo/elearn/admin/nope'])('answers %s with 404', async (path) => {
    expect((await app.request(path)).status).toBe(404);
  });

  it('serves its script modules and style with their content types', async () => {
    const js = await app.request('/demo/assets/host.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const css = await app.request('/demo/assets/host.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await app.request('/demo/assets/../index.ts')).status).toBe(404);
    expect((await app.request('/demo/assets/secret.js')).status).toBe(404);
  });

  it('builds the DOM without innerHTML anywhere in its script', async () => {
    for (const file of ['host.js', 'dom.js', 'users-page.js', 'bulk-actions.js', 'edit-user-page.js', 'licenses-page.js', 'claims-page.js', 'observations-page.js']) {
      const source = await (await app.request(`/demo/assets/${file}`)).text();
      expect(source, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
  });
});
