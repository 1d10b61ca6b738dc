import { claimJob, newLease, workJob, DEFAULT_LEASE_MS, type JobLease } from '../engine/changes/bulk-jobs.ts';
import type { Engine } from '../engine/engine.ts';

/**
 * Works bulk jobs in the background of a server process. Jobs and their
 * leases live in the database, so any process can pick up a job whose holder
 * died or stalled past its lease; `poke()` starts work at once after a job is created.
 */
export class JobRunner {
  private running = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly lease: JobLease;
  private readonly pollMs: number;

  constructor(
    private readonly engine: Engine,
    options: { pollMs?: number; leaseMs?: number } = {},
  ) {
    this.pollMs = options.pollMs ?? 3000;
    this.lease = newLease(options.leaseMs ?? DEFAULT_LEASE_MS);
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.poke(), this.pollMs);
    this.timer.unref();
    this.poke();
  }

  poke(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    void this.drain()
      .catch((error) => console.error('[seatwise] job runner:', error))
      .finally(() => {
        this.running = false;
      });
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const jobId = await claimJob(this.engine, this.lease);
      if (!jobId) return;
      await workJob(this.engine, jobId, { lease: this.lease, shouldStop: () => this.stopped });
    }
  }

  /** Waits for the job in hand to reach a clean point. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 10));
  }
}
