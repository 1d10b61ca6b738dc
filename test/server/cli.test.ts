import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startServerProcess, tempDbUrl, type ServerProcess } from './server-process.ts';

/** `pnpm seatwise import …` against a real server process, files on disk, exit codes as a scheduler sees them. */
const ADMIN = 'cli-test-admin-token-0001';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const CLI = fileURLToPath(new URL('../../server/src/cli/seatwise.ts', import.meta.url));

/** The CLI as a scheduler runs it; `viaPnpm` goes through the root `pnpm seatwise` script (slower: once is enough). */
function seatwise(server: ServerProcess, args: string[], env: Record<string, string> = {}, viaPnpm = false): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const [command, prefix] = viaPnpm ? ['pnpm', ['--silent', 'seatwise']] : [TSX, [CLI]];
    const child = spawn(command, [...prefix, ...args], { cwd: ROOT, env: { ...process.env, SEATWISE_URL: server.url, SEATWISE_TOKEN: ADMIN, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

describe('the import CLI', () => {
  let server: ServerProcess;
  const dir = mkdtempSync(join(tmpdir(), 'seatwise-cli-'));
  const file = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\r\n'));
    return path;
  };
  const USERS = 'First Name,Last Name,Email,State Educator ID,Organizations,Roles';

  beforeAll(async () => {
    server = await startServerProcess({ DATABASE_URL: tempDbUrl(), ADMIN_TOKEN: ADMIN });
  });
  afterAll(() => server?.stop());

  it('imports organizations, dry-runs and applies users with progress and a summary, and fails a refused file', async () => {
    const orgs = await seatwise(server, ['import', 'orgs', file('orgs.csv', ['Organization ID,Organization Name,Parent Organization ID,Products', '500,Cli District,,eLearn;weCLIMB', '501,Cli School,500,eLearn;weCLIMB'])], {}, true);
    expect(orgs.out).toContain('Done: 2 applied, 0 refused');
    expect(orgs.code).toBe(0);
    await api(server.url, ADMIN, 'POST', '/pools', { orgId: '500', sku: 'weclimb', seats: 1, endsAt: '2030-01-01T00:00:00Z' });

    const roster = file('users.csv', [USERS, 'Ana,Ruiz,ana@cli.test,MT-1,501,Observer', 'Ben,Ode,ben@cli.test,,501,Observer']);
    const dry = await seatwise(server, ['import', 'users', roster, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('2 rows read: 2 to create, 0 to update, 0 unchanged; 0 invalid.');
    expect(dry.out).toContain('Licenses: 1 users get a seat, 1 wait for one.');
    expect((await api(server.url, ADMIN, 'GET', '/users?q=cli.test')).body.users).toEqual([]);

    const applied = await seatwise(server, ['import', 'users', roster]);
    expect(applied.code).toBe(0);
    expect(applied.out).toMatch(/done: 2 of 2 rows/);
    expect(applied.out).toContain('Done: 2 applied, 0 refused');
    expect((await api(server.url, ADMIN, 'GET', '/users?q=cli.test')).body.users.map((u: { email: string }) => u.email).sort()).toEqual(['ana@cli.test', 'ben@cli.test']);
    expect((await seatwise(server, ['import', 'users', roster])).out).toContain('Nothing to change.');

    const sync = await seatwise(server, ['import', 'users', file('sync.csv', [USERS, 'Ana,Ruiz,ana@cli.test,MT-1,501,Observer']), '--dry-run', '--sync']);
    expect(sync.out).toContain('archive ben@cli.test');

    const bad = await seatwise(server, ['import', 'users', file('bad.csv', [USERS, 'Cy,Lee,cy@cli.test,,501,Janitor'])]);
    expect(bad.code).not.toBe(0);
    expect(bad.out).toContain('Refused (400): 1 of 1 rows are invalid');
    expect(bad.out).toContain('line 2, Roles: unknown role "Janitor"');

    expect((await seatwise(server, ['import', 'users', roster], { SEATWISE_TOKEN: '' })).code).not.toBe(0);
    expect((await seatwise(server, ['import', 'teachers', roster])).out).toContain('usage: pnpm seatwise import');
  });
});
