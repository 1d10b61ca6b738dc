import type { ImportReport, Job } from '@seatwise/shared';
import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../testing/fake-backend.ts';
import { session } from '../testing/fixtures.ts';
import { createImportPageState } from './import-state.ts';

const report = (over: Partial<ImportReport> = {}): ImportReport => ({
  kind: 'users', dryRun: true, mode: 'upsert', rows: 4, created: 1, updated: 1, unchanged: 0, archived: 0,
  invalid: [{ line: 3, field: 'Email', reason: 'not an email address' }], licensed: 1, waiting: 0, pools: [], archivedUsers: [], unknownUsers: 0, ...over,
});
const job = (done: number, refused: number, status: Job['status'], items: Job['items'] = [], nextCursor: string | null = null): Job => ({
  id: 'job_1', kind: 'import_users', status, total: 3, done, refused, createdAt: '2026-11-28T09:00:00Z', finishedAt: null, items, nextCursor,
});
const stage = () => {
  const staged = new Map<string, Blob>();
  return { staged, stage: async (file: Blob) => (staged.set('0b5c1e2a-1d4f-4f3a-9a51-5c7e0d9b2f10', file), '0b5c1e2a-1d4f-4f3a-9a51-5c7e0d9b2f10'), unstage: async (id: string) => void staged.delete(id) };
};
const csv = 'First Name,Last Name,Email,Organizations\r\nA,B,a@x.test,o1\r\nC,D,bad,o1\r\nE,F,e@x.test,o1\r\nG,H,g@x.test,o1\r\n';

describe('the Import page state', () => {
  it('refuses a file over 50 MB before reading or sending any of it', async () => {
    const backend = createFakeBackend({ 'session.get': session('online', 'org_admin'), 'imports.mapping': { districtId: 'o1', kind: 'users', columns: {}, fields: {} as never } });
    const files = stage();
    const state = createImportPageState(backend, files);
    await state.start();
    await state.pick({ name: 'huge.csv', size: 51 * 1024 * 1024, slice: () => { throw new Error('read'); } } as unknown as File);
    expect(state.failure.value?.message).toBe('huge.csv is 51.0 MB; an import takes up to 50 MB. Split it into smaller files.');
    expect(files.staged.size).toBe(0);
    expect(state.picked.value).toBeNull();
  });

  it('dry runs, applies the valid rows when asked, follows the job by its counts only, then reads its refused rows page by page', async () => {
    const polls = [job(0, 0, 'running'), job(1, 0, 'running'), job(2, 1, 'done')];
    const backend = createFakeBackend({
      'session.get': session('online', 'org_admin'),
      'imports.mapping': { districtId: 'o1', kind: 'users', columns: {}, fields: {} as never },
      'imports.run': (p) => ({ report: report({ dryRun: p.dryRun }), jobId: p.dryRun ? null : 'job_1' }),
      'imports.job': (p) =>
        p.items === 'none'
          ? polls.shift()!
          : p.cursor === undefined
            ? job(2, 1, 'done', [{ userId: 'x', status: 'refused', code: 'not_found', line: 5 }], '7')
            : job(2, 1, 'done', [{ userId: 'y', status: 'refused', code: 'weird', line: 0 }]),
    });
    const files = stage();
    const state = createImportPageState(backend, files, { pollMs: 1 });
    await state.start();
    await state.pick(new File([csv], 'roster.csv'));
    expect(state.mapping.value).toEqual({ 'First Name': 'firstName', 'Last Name': 'lastName', Email: 'email', Organizations: 'organizations' });
    await state.dryRun();
    expect(state.report.value?.invalid).toHaveLength(1);
    // Invalid rows: the server would refuse the whole file, so applying waits for the explicit choice.
    expect(state.canApply.value).toBe(false);
    state.skipInvalid.value = true;
    await state.apply();
    expect(state.finished.value?.job).toMatchObject({ status: 'done', done: 2, refused: 1 });
    expect(state.rejectedCount.value).toBe(3);
    const asked = backend.calls.filter((c) => c.type === 'imports.job').map((c) => c.payload);
    expect(asked).toEqual([
      { id: 'job_1', items: 'none' }, { id: 'job_1', items: 'none' }, { id: 'job_1', items: 'none' },
      { id: 'job_1', items: 'refused', cursor: undefined }, { id: 'job_1', items: 'refused', cursor: '7' },
    ]);
    const run = backend.calls.filter((c) => c.type === 'imports.run').map((c) => c.payload);
    expect(run).toEqual([
      { kind: 'users', fileId: '0b5c1e2a-1d4f-4f3a-9a51-5c7e0d9b2f10', dryRun: true, mode: 'upsert', skipInvalid: false, orgId: 'o1' },
      { kind: 'users', fileId: '0b5c1e2a-1d4f-4f3a-9a51-5c7e0d9b2f10', dryRun: false, mode: 'upsert', skipInvalid: true, orgId: 'o1' },
    ]);
    const rejected = await state.rejectedCsv();
    expect(rejected?.filename).toBe('roster-rejected.csv');
    expect(rejected?.text.trim().split('\n')).toEqual([
      'Line,Rejected because,First Name,Last Name,Email,Organizations',
      '3,Email: not an email address,C,D,bad,o1',
      '5,Refused while applying: the user or organization is outside your organizations (or no longer exists).,G,H,g@x.test,o1',
      '0,Refused while applying (weird).',
    ]);
    state.dispose();
    expect(files.staged.size).toBe(0);
  });
});
