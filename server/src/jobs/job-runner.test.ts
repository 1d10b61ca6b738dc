import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFixture } from '../testing/test-server.ts';
import { ok } from '../testing/typed-client.ts';
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
    return (await ok(fx.server.api(fx.tokens.sys).bulk.roles.$post({ json: { userIds, add: ['learner'] } }), 202)).jobId;
  };
  const statusOf = async (jobId: string) => (await ok(fx.server.api(fx.tokens.sys).jobs[':id'].$get({ param: { id: jobId }, query: {} }))).status;

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
