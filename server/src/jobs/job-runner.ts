import { Periodic } from '../background/periodic.ts';
import { claimJob, newLease, workJob, DEFAULT_LEASE_MS, type JobLease } from '../engine/changes/bulk-jobs.ts';
import type { Engine } from '../engine/engine.ts';

/**
 * Works bulk jobs in the background of a server process, on the server's one
 * periodic loop. Jobs and their leases live in the database, so any process
 * can pick up a job whose holder died or stalled past its lease; `poke()`
 * starts work at once after a job is created.
 */
export class JobRunner {
  private readonly lease: JobLease;
  private readonly loop: Periodic;

  constructor(
    private readonly engine: Engine,
    options: { pollMs?: number; leaseMs?: number } = {},
  ) {
    this.lease = newLease(options.leaseMs ?? DEFAULT_LEASE_MS);
    this.loop = new Periodic('job runner', options.pollMs ?? 3000, (signal) => this.drain(signal));
  }

  start(): void {
    this.loop.start();
  }

  /** A job was created: work it now rather than at the next poll. */
  poke(): void {
    this.loop.poke();
  }

  /** Stops between items, so the job in hand is left at a clean point for whoever resumes it. */
  async stop(): Promise<void> {
    await this.loop.stop();
  }

  private async drain(signal: AbortSignal): Promise<void> {
    const shouldStop = () => signal.aborted;
    while (!shouldStop()) {
      const jobId = await claimJob(this.engine, this.lease);
      if (!jobId) return;
      await workJob(this.engine, jobId, { lease: this.lease, shouldStop });
    }
  }
}
