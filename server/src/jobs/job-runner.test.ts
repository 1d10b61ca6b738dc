import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFixture } from '../testing/test-server.ts';
import { JobRunner } from './job-runner.ts';

/** Polls far apart, so only a poke can get a job worked within a test. */
const HOUR = 3_600_000;

describe('the job runner', () => {
  const fx = useFixture({
    pools: [{ id: 'p_el', orgId: 'd1', sku: 'elearn', seats: 10 }],
    users: ['a', 'b'].map((n) => ({ email: `${n}@s1.test`, orgIds: ['s1'] })),
  });
  let runner: JobRunner | undefined;
  afterEach(async () => runner?.stop());

  const createJob = async () => {
    const userIds = ['a', 'b'].map((n) => fx.ids[`${n}@s1.test`]!);
    const res = await fx.server.call('POST', '/api/v1/bulk/roles', { token: fx.tokens.sys, body: { userIds, add: ['learner'] } });
    expect(res.status).toBe(202);
    return res.body.jobId as string;
  };
  const statusOf = async (jobId: string) => (await fx.server.call('GET', `/api/v1/jobs/${jobId}`, { token: fx.tokens.sys })).body.status as string;

  it('works a job as soon as it is poked, not at the next poll', async () => {
    runner = new JobRunner(fx.server.engine, { pollMs: HOUR });
    runner.start();
    const jobId = await createJob();
    runner.poke();
    await vi.waitFor(async () => expect(await statusOf(jobId)).toBe('done'), { timeout: 5000, interval: 20 });
  });

  it('takes no new work once stopped', async () => {
    runner = new JobRunner(fx.server.engine, { pollMs: HOUR });
    runner.start();
    await runner.stop();
    const jobId = await createJob();
    runner.poke();
    await new Promise((r) => setTimeout(r, 200));
    expect(await statusOf(jobId)).toBe('queued');
  });
});
