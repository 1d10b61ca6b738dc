import { importResultSchema } from '@seatwise/shared';
import { describe, expect, it } from 'vitest';
import { DEMO_TOKENS, seedDemo } from '../demo/seed.ts';
import { hostTestApp } from '../demo-host/test-app.ts';
import { createTestServer } from '../testing/test-server.ts';
import { bodyAs } from '../testing/typed-body.ts';

describe("the stand-in host's Export CSV", () => {
  it('writes the platform users format, which imports into the demo district as it is', async () => {
    const host = hostTestApp();
    const res = await host.app.request('/demo/api/users/export.csv');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM spreadsheet exports start with
    const file = bytes.toString('utf8');
    expect(file.startsWith('\uFEFFFirst Name,Last Name,Email,State Educator ID,Organizations,Roles\r\n')).toBe(true);

    const server = await createTestServer();
    try {
      await seedDemo(server.engine);
      const token = DEMO_TOKENS.system_admin.token;
      const dry = await server.call('POST', '/api/v1/imports/users?dryRun=true', { token, body: file, headers: { 'content-type': 'text/csv' } });
      expect(dry.status).toBe(200);
      const { report } = bodyAs(dry, importResultSchema);
      expect(report.invalid).toEqual([]);
      // The two new hires the host has and Seatwise does not know yet.
      expect(report.created).toBe(2);
      expect(report.rows).toBe(file.trim().split('\r\n').length - 1);
    } finally {
      server.close();
    }
  }, 120_000);
});
