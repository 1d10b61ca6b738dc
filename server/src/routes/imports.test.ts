import { describe, expect, it } from 'vitest';
import { claimJob, newLease, workJob } from '../engine/changes/bulk-jobs.ts';
import { importResultSchema } from '@seatwise/shared';
import { useFixture, type TestServer } from '../testing/test-server.ts';
import { bodyAs, errorBody } from '../testing/typed-body.ts';
import { ok, refused } from '../testing/typed-client.ts';

const HEADER = 'First Name,Last Name,Email,State Educator ID,Organizations,Roles';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');

async function post(server: TestServer, token: string, kind: string, body: string, query = '', type = 'text/csv') {
  return server.call('POST', `/api/v1/imports/${kind}${query}`, { token, body, headers: { 'content-type': type } });
}

/** An import's answer (report and job), read through the shared schema. */
const imported = (res: { body: unknown }) => bodyAs(res, importResultSchema);

/** Works every queued job off, as a server process's runner would. */
async function runJobs(server: TestServer) {
  for (let id = await claimJob(server.engine); id; id = await claimJob(server.engine)) await workJob(server.engine, id);
}

const auditCount = async (server: TestServer) => Number((await server.database.client.execute('select count(*) as n from audit_log')).rows[0]!.n);

describe('users import', () => {
  const fx = useFixture({
    pools: [
      { id: 'p_wc', orgId: 'd1', sku: 'weclimb', seats: 2 },
      { id: 'p_el', orgId: 'd1', sku: 'elearn', seats: 10 },
    ],
    users: [{ email: 'old@s1.test', orgIds: ['s1'], roles: ['learner'] }, { email: 'far@s3.test', orgIds: ['s3'] }],
  });

  it('dry run: counts, seats per pool, who is licensed and who waits; changes nothing', async () => {
    const before = await auditCount(fx.server);
    const file = csv(
      'Ana,Ruiz,ana@s1.test,MT-1,s1,Observer',
      'Ben,Ode,ben@s1.test,,School One;s2,Observer;Learner',
      'Cy,Lee,cy@s1.test,,s2,Observer',
      'Old,User,old@s1.test,,s1,Learner',
    );
    const res = await post(fx.server, fx.tokens.orgAdmin, 'users', file, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(imported(res).jobId).toBeNull();
    expect(imported(res).report).toMatchObject({ kind: 'users', dryRun: true, rows: 4, created: 3, updated: 1, unchanged: 0, archived: 0, invalid: [], licensed: 2, waiting: 1 });
    expect(imported(res).report.pools).toEqual([
      { poolId: 'p_wc', name: expect.any(String), sku: 'weclimb', capacity: 2, assignedBefore: 0, take: 2, release: 0, assignedAfter: 2 },
      { poolId: 'p_el', name: expect.any(String), sku: 'elearn', capacity: 10, assignedBefore: 1, take: 1, release: 0, assignedAfter: 2 },
    ]);
    expect(await auditCount(fx.server)).toBe(before);
    expect((await ok(fx.server.api(fx.tokens.sys).users.$get({ query: { q: 'ana' } }))).users).toEqual([]);
  });

  it('an import job is worked only by its lease holder: a holder whose lease was taken over applies nothing and never finishes it', async () => {
    const res = await post(fx.server, fx.tokens.orgAdmin, 'users', csv('Ana,Ruiz,ana@s1.test,MT-1,s1,Observer'));
    expect(res.status).toBe(202);
    const jobId = imported(res).jobId!;
    const stalled = newLease(60_000);
    expect(await claimJob(fx.server.engine, stalled)).toBe(jobId);
    // Another process takes the job over (as after the stalled holder's lease ran out).
    await fx.server.database.client.execute({ sql: "update jobs set lease_holder = 'lease_other' where id = ?", args: [jobId] });
    const before = await auditCount(fx.server);
    await workJob(fx.server.engine, jobId, { lease: stalled });
    expect(await auditCount(fx.server)).toBe(before);
    const job = await ok(fx.server.api(fx.tokens.orgAdmin).jobs[':id'].$get({ param: { id: jobId }, query: {} }));
    expect(job).toMatchObject({ status: 'running', done: 0 });
  });

  it('applies as a job: users created with roles and seats (first come first served, the rest wait), audited with the import as source; re-importing changes and audits nothing', async () => {
    const file = csv('Ana,Ruiz,ana@s1.test,MT-1,s1,Observer', 'Ben,Ode,ben@s1.test,,s1;s2,Observer;Learner', 'Cy,Lee,cy@s1.test,,s2,Observer');
    const res = await post(fx.server, fx.tokens.orgAdmin, 'users', file);
    expect(res.status).toBe(202);
    await runJobs(fx.server);
    const jobId = imported(res).jobId!;
    const job = await ok(fx.server.api(fx.tokens.orgAdmin).jobs[':id'].$get({ param: { id: jobId }, query: {} }));
    expect(job).toMatchObject({ kind: 'import_users', status: 'done', total: 3, done: 3, refused: 0 });
    const list = (await ok(fx.server.api(fx.tokens.sys).users.$get({ query: { orgId: 'd1', limit: '100' } }))).users;
    const ana = list.find((u) => u.email === 'ana@s1.test')!;
    const cy = list.find((u) => u.email === 'cy@s1.test')!;
    expect(ana).toMatchObject({ orgIds: ['s1'], roles: ['observer'], licenses: [{ product: 'weclimb', state: 'active' }] });
    const educator = await fx.server.database.client.execute({ sql: 'select state_educator_id from users where id = ?', args: [ana.id] });
    expect(educator.rows[0]!.state_educator_id).toBe('MT-1');
    expect(cy.licenses).toEqual([expect.objectContaining({ product: 'weclimb', state: 'waiting' })]);
    const audit = await fx.server.database.client.execute({ sql: "select distinct actor_id from audit_log where subject_id = ? and action like 'user.%'", args: [ana.id] });
    expect(audit.rows.map((r) => r.actor_id)).toEqual([jobId]);

    const before = await auditCount(fx.server);
    const again = await post(fx.server, fx.tokens.orgAdmin, 'users', file);
    expect(again.status).toBe(200);
    expect(imported(again)).toMatchObject({ jobId: null, report: { unchanged: 3, created: 0, updated: 0 } });
    expect(await auditCount(fx.server)).toBe(before);
  });

  it('reads CSV as spreadsheets write it: BOM, CRLF, quotes, line breaks inside cells, UTF-8 names; errors name the line', async () => {
    const file = '\uFEFF' + [HEADER, '"Zoë","O\'Brien, Jr.",zoe@s1.test,,"s1",Organization Administrator', '"Multi\nLine",Name,ml@s1.test,,s1,', 'Bad,Row,not-an-email,,s1,Teacher'].join('\r\n') + '\r\n';
    const res = await post(fx.server, fx.tokens.sys, 'users', file, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(imported(res).report).toMatchObject({ rows: 3, created: 2 });
    expect(imported(res).report.invalid).toEqual([
      { line: 5, field: 'Email', reason: '"not-an-email" is not an email address' },
      { line: 5, field: 'Roles', reason: expect.stringContaining('unknown role "Teacher"') },
    ]);
    const applied = await post(fx.server, fx.tokens.sys, 'users', file, '?skipInvalid=true');
    expect(applied.status).toBe(202);
    await runJobs(fx.server);
    const zoe = (await ok(fx.server.api(fx.tokens.sys).users.lookup.$post({ json: { emails: ['zoe@s1.test'] } }))).results[0]!;
    expect(zoe).toMatchObject({ user: { firstName: 'Zoë', lastName: "O'Brien, Jr." }, roles: ['organization_administrator'] });
  });

  it('names the line a row starts on after cells broken with CRLF or CR too (csv-parse counts those breaks twice)', async () => {
    const file = [HEADER, '"Two\r\nLines",A,two@s1.test,,s1,', '"Car\rriage",B,cr@s1.test,,s1,', 'Bad,Row,not-an-email,,s1,'].join('\r\n') + '\r\n';
    const res = await post(fx.server, fx.tokens.sys, 'users', file, '?dryRun=true');
    // Physical lines: header 1, the two-line cell 2–3, the CR cell 4, the bad row 5.
    expect(imported(res).report.invalid).toEqual([{ line: 5, field: 'Email', reason: '"not-an-email" is not an email address' }]);
  });

  it('refuses a bad file whole: a wrong header, unknown roles and organizations, duplicates', async () => {
    const header = await post(fx.server, fx.tokens.sys, 'users', 'Name,Mail\nA,a@x.test', '?dryRun=true');
    expect(header.status).toBe(400);
    expect(errorBody(header).message).toMatch(/lacks Email, First Name, Last Name, Organizations \(found: Name, Mail\)/);
    const file = csv('Ana,Ruiz,ana@s1.test,,s1,Observer', 'Ana,Again,ANA@s1.test,,s1,', 'Ed,X,ed@s1.test,,Nowhere,', 'Flo,Y,flo@s1.test,,s1,Janitor', 'Gus,Z,gus@s1.test,,,');
    const before = await auditCount(fx.server);
    const res = await post(fx.server, fx.tokens.sys, 'users', file);
    expect(res.status).toBe(400);
    expect(errorBody(res).message).toBe('4 of 5 rows are invalid, so nothing was imported: fix them, or import the rest with skipInvalid=true');
    expect(errorBody(res).invalid).toEqual([
      { line: 3, field: 'Email', reason: 'the same person as line 2' },
      { line: 4, field: 'Organizations', reason: 'organization Nowhere not found in your organizations' },
      { line: 5, field: 'Roles', reason: expect.stringContaining('unknown role "Janitor"') },
      { line: 6, field: 'Organizations', reason: 'required: the first organization is the home one' },
    ]);
    expect(await auditCount(fx.server)).toBe(before);
    expect((await post(fx.server, fx.tokens.sys, 'users', '', '?dryRun=true')).status).toBe(400);
    expect(errorBody(await post(fx.server, fx.tokens.sys, 'users', 'Email\n"unclosed', '?dryRun=true')).message).toMatch(/lacks|not valid CSV/);
    expect((await post(fx.server, fx.tokens.sys, 'users', 'x', '', 'application/xml')).status).toBe(400);
  });

  it('an org admin imports only into its own organizations: rows outside are errors, never applied', async () => {
    const file = csv('In,Side,in@s1.test,,s1,', 'Out,Side,out@s3.test,,s3,', 'Far,Away,far@s3.test,,s1,');
    const res = await post(fx.server, fx.tokens.orgAdminS1, 'users', file, '?dryRun=true');
    expect(imported(res).report.invalid).toEqual([
      { line: 3, field: 'Organizations', reason: 'organization s3 not found in your organizations' },
      { line: 4, field: 'Email', reason: 'belongs to a user outside your organizations' },
    ]);
    const applied = await post(fx.server, fx.tokens.orgAdminS1, 'users', file, '?skipInvalid=true');
    await runJobs(fx.server);
    expect((await ok(fx.server.api(fx.tokens.orgAdminS1).jobs[':id'].$get({ param: { id: imported(applied).jobId! }, query: {} })))).toMatchObject({ total: 1, done: 1 });
    const far = (await ok(fx.server.api(fx.tokens.sys).users[':id'].$get({ param: { id: fx.ids['far@s3.test']! } }))).user;
    expect(far.orgIds).toEqual(['s3']);
    expect((await post(fx.server, fx.tokens.reporter, 'users', file, '?dryRun=true')).status).toBe(403);
  });

  it('sync mode archives users of the imported organizations missing from the file; the dry run lists them first', async () => {
    const file = csv('Ana,Ruiz,ana@s1.test,,s1,Learner');
    const dry = await post(fx.server, fx.tokens.orgAdminS1, 'users', file, '?dryRun=true&mode=sync');
    expect(imported(dry).report).toMatchObject({ created: 1, archived: 1, archivedUsers: [{ email: 'old@s1.test', orgId: 's1' }] });
    expect(imported(dry).report.pools).toEqual([expect.objectContaining({ poolId: 'p_el', take: 1, release: 1, assignedAfter: 1 })]);
    // The administrator homed in s1 who runs it is never archived by their own sync.
    expect(imported(dry).report.archivedUsers.map((u) => u.email)).not.toContain('orgadmins1@staff.test');
    // A person on a refused row is still named by the file: sync with skipInvalid does not archive them.
    const typo = await post(fx.server, fx.tokens.orgAdminS1, 'users', csv('Ana,Ruiz,ana@s1.test,,s1,Learner', 'Old,User,old@s1.test,,s1,Janitor'), '?dryRun=true&mode=sync&skipInvalid=true');
    expect(imported(typo).report).toMatchObject({ archived: 0, invalid: [expect.objectContaining({ line: 3 })] });
    await post(fx.server, fx.tokens.orgAdminS1, 'users', file, '?mode=sync');
    await runJobs(fx.server);
    const old = (await ok(fx.server.api(fx.tokens.sys).users[':id'].$get({ param: { id: fx.ids['old@s1.test']! } }))).user;
    expect(old).toMatchObject({ status: 'archived', licenses: [] });
    expect((await post(fx.server, fx.tokens.orgAdmin, 'orgs', 'Organization ID,Organization Name\nx,y', '?mode=sync')).status).toBe(400);
  });

  it("sets the platform's user id from a User ID column, and keeps it when a file has none", async () => {
    await post(fx.server, fx.tokens.sys, 'users', 'Email,First Name,Last Name,Organizations,User ID\nuid@s1.test,U,Id,s1,MT-777');
    await runJobs(fx.server);
    await post(fx.server, fx.tokens.sys, 'users', csv('U,Renamed,uid@s1.test,SE-1,s1,'));
    await runJobs(fx.server);
    const [found] = (await ok(fx.server.api(fx.tokens.sys).users.lookup.$post({ json: { externalIds: ['MT-777'] } }))).results;
    expect(found!.user).toMatchObject({ email: 'uid@s1.test', lastName: 'Renamed' });
  });

  it('takes JSON for scripts, and a saved column mapping for other exports', async () => {
    const json = JSON.stringify({ rows: [{ Email: 'js@s1.test', 'First Name': 'J', 'Last Name': 'S', Organizations: ['s1'], Roles: ['Learner'] }] });
    const res = await post(fx.server, fx.tokens.orgAdmin, 'users', json, '?dryRun=true', 'application/json');
    expect(imported(res).report).toMatchObject({ rows: 1, created: 1, licensed: 1 });
    expect((await post(fx.server, fx.tokens.orgAdmin, 'users', '{"nope":1}', '?dryRun=true', 'application/json')).status).toBe(400);

    const other = 'Given,Family,E-mail,School\nMo,Ng,mo@s1.test,s1';
    expect((await post(fx.server, fx.tokens.orgAdmin, 'users', other, '?dryRun=true')).status).toBe(400);
    const mappings = (token: string) => fx.server.api(token).imports.mappings[':kind'];
    await refused(mappings(fx.tokens.orgAdmin).$put({ param: { kind: 'users' }, json: { columns: { Given: 'nickname' } } }), 400);
    const saved = await ok(mappings(fx.tokens.orgAdminS1).$put({ param: { kind: 'users' }, json: { columns: { Given: 'firstName', Family: 'lastName', 'E-mail': 'email', School: 'organizations' } } }));
    expect(saved).toMatchObject({ districtId: 'd1' });
    expect((await ok(mappings(fx.tokens.orgAdmin).$get({ param: { kind: 'users' }, query: {} }))).columns).toMatchObject({ Given: 'firstName' });
    expect(imported(await post(fx.server, fx.tokens.orgAdmin, 'users', other, '?dryRun=true')).report).toMatchObject({ created: 1 });
    // Another district's imports do not read d1's mapping.
    expect((await post(fx.server, fx.tokens.otherAdmin, 'users', other, '?dryRun=true')).status).toBe(400);
  });

  it('answers 413 with a clear error for a file over 50 MiB', async () => {
    // Blank lines: the importer reads (and counts) all of it without work per row.
    const big = HEADER + '\n' + '\r\n'.repeat(26 * 1024 * 1024);
    const streamed = await post(fx.server, fx.tokens.sys, 'users', big, '?dryRun=true');
    expect(streamed.status).toBe(413);
    expect(errorBody(streamed)).toMatchObject({ code: 'payload_too_large', message: expect.stringMatching(/50 MiB/) });
    const declared = await fx.server.call('POST', '/api/v1/imports/users?dryRun=true', { token: fx.tokens.sys, body: big, headers: { 'content-type': 'text/csv', 'content-length': String(Buffer.byteLength(big)) } });
    expect(declared.status).toBe(413);
  });
});

describe('organizations import', () => {
  const fx = useFixture();
  const ORG_HEADER = 'Organization ID,Organization Name,Parent Organization ID,Products';

  it("creates the platform's tree with its ids (children before parents in the file too), then updates and re-imports nothing", async () => {
    await ok(fx.server.api(fx.tokens.sys).orgs[':id'].$patch({ param: { id: 'd1' }, json: { externalId: '100' } }));
    const file = [ORG_HEADER, '102,Lincoln Elementary,101,eLearn', '101,North Zone,100,eLearn;weCLIMB', '103,Bad,100,Chess'].join('\n');
    const dry = await post(fx.server, fx.tokens.orgAdmin, 'orgs', file, '?dryRun=true');
    expect(imported(dry).report).toMatchObject({ rows: 3, created: 2, invalid: [{ line: 4, field: 'Products', reason: expect.stringContaining('unknown product "Chess"') }] });
    const res = await post(fx.server, fx.tokens.orgAdmin, 'orgs', file, '?skipInvalid=true');
    expect(res.status).toBe(202);
    await runJobs(fx.server);
    const school = await ok(fx.server.api(fx.tokens.orgAdmin).orgs[':id'].$get({ param: { id: '102' } }));
    const zone = await ok(fx.server.api(fx.tokens.orgAdmin).orgs[':id'].$get({ param: { id: '101' } }));
    expect(zone).toMatchObject({ name: 'North Zone', parentId: 'd1', externalId: '101', products: ['elearn', 'weclimb'] });
    expect(school).toMatchObject({ name: 'Lincoln Elementary', parentId: zone.id, products: ['elearn'] });
    const users = await post(fx.server, fx.tokens.orgAdmin, 'users', csv('Ana,Ruiz,ana@x.test,,102;Lincoln Elementary,Learner'), '?dryRun=true');
    expect(imported(users).report).toMatchObject({ created: 1, invalid: [] });

    const before = await auditCount(fx.server);
    expect(imported(await post(fx.server, fx.tokens.orgAdmin, 'orgs', file, '?skipInvalid=true'))).toMatchObject({ jobId: null, report: { unchanged: 2 } });
    expect(await auditCount(fx.server)).toBe(before);
    const renamed = await post(fx.server, fx.tokens.orgAdmin, 'orgs', [ORG_HEADER, '102,Lincoln School,101,eLearn'].join('\n'));
    await runJobs(fx.server);
    expect(imported(renamed).report.updated).toBe(1);
    expect((await ok(fx.server.api(fx.tokens.orgAdmin).orgs[':id'].$get({ param: { id: '102' } }))).name).toBe('Lincoln School');
  });

  it('an org admin cannot add top-level organizations, reach outside its tree, or make a cycle', async () => {
    const file = [ORG_HEADER, '900,New District,,eLearn', '901,Under Other,s3,', 's1,School One,902,', '902,Loop,s1,', '903,Orphan,999,'].join('\n');
    const res = await post(fx.server, fx.tokens.orgAdmin, 'orgs', file, '?dryRun=true');
    expect(imported(res).report.invalid).toEqual([
      { line: 2, field: 'Parent Organization ID', reason: 'only a system administrator adds top-level organizations' },
      { line: 3, field: 'Parent Organization ID', reason: 'organization s3 not found in your organizations' },
      { line: 4, field: 'Parent Organization ID', reason: 'an organization cannot sit below itself' },
      { line: 5, field: 'Parent Organization ID', reason: 'an organization cannot sit below itself' },
      { line: 6, field: 'Parent Organization ID', reason: 'organization 999 not found in the file or your organizations' },
    ]);
  });
});

describe('activity import', () => {
  const fx = useFixture({ users: [{ email: 'a@s1.test', orgIds: ['s1'] }, { email: 'z@s3.test', orgIds: ['s3'] }] });

  it('keeps the latest login per user and product, in either date format; unknown people are counted, bad dates are errors', async () => {
    await post(fx.server, fx.tokens.sys, 'users', csv('A,Test,a@s1.test,MT-A,s1,'));
    await runJobs(fx.server);
    const file = [
      'At,Product,Email,State Educator ID',
      '05/30/2026 02:15 PM,eLearn,a@s1.test,',
      '2026-05-01T10:00:00Z,eLearn,A@s1.test,',
      '2026-05-20T08:00:00Z,weCLIMB,,MT-A',
      '2026-05-20T08:00:00Z,eLearn,z@s3.test,',
      '2026-05-20T08:00:00Z,eLearn,nobody@x.test,',
      '02/30/2026 10:00 AM,eLearn,a@s1.test,',
      'yesterday,eLearn,a@s1.test,',
    ].join('\n');
    const dry = await post(fx.server, fx.tokens.orgAdmin, 'activity', file, '?dryRun=true');
    expect(imported(dry).report).toMatchObject({ rows: 7, created: 2, unknownUsers: 2 });
    expect(imported(dry).report.invalid).toEqual([
      { line: 7, field: 'At', reason: '"02/30/2026 10:00 AM" is not a real date' },
      { line: 8, field: 'At', reason: expect.stringContaining('"yesterday" is not a date') },
    ]);
    const res = await post(fx.server, fx.tokens.orgAdmin, 'activity', file, '?skipInvalid=true');
    expect(res.status).toBe(202);
    await runJobs(fx.server);
    const user = await ok(fx.server.api(fx.tokens.sys).users[':id'].$get({ param: { id: fx.ids['a@s1.test']! } }));
    expect(user.activity).toEqual(expect.arrayContaining([{ product: 'elearn', lastAt: '2026-05-30T14:15:00.000Z' }, { product: 'weclimb', lastAt: '2026-05-20T08:00:00.000Z' }]));
    expect(imported(await post(fx.server, fx.tokens.orgAdmin, 'activity', file, '?skipInvalid=true'))).toMatchObject({ jobId: null, report: { unchanged: 2 } });
    expect(errorBody(await post(fx.server, fx.tokens.orgAdmin, 'activity', 'Email,At\na@s1.test,2026-01-01', '?dryRun=true')).message).toMatch(/lacks Product/);
  });
});
