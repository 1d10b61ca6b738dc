import { and, asc, eq, isNull, lte, or } from 'drizzle-orm';
import { withWriteTx } from '../db/write-tx.ts';
import { webhookDeliveries } from '../db/schema.ts';
import { appendAudit } from '../engine/audit.ts';
import { systemClock, type Clock } from '../engine/clock.ts';
import type { Engine } from '../engine/engine.ts';

export interface DeliveryOptions {
  /** First retry after this long; each further retry waits twice as long. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxAttempts?: number;
  timeoutMs?: number;
  pollMs?: number;
  /**
   * Retry timing is about a remote server's recovery, so it runs on the wall
   * clock even when the engine's clock is a test clock; audit times still
   * come from the engine.
   */
  wallClock?: Clock;
}

type Row = typeof webhookDeliveries.$inferSelect;

/**
 * Delivers queued alert webhooks from the database outbox. A row is leased
 * before its POST so two processes never send it at once; a process that dies
 * mid-attempt leaves a lease that expires and another picks the row up.
 * Nothing here runs inside a license change: a slow or failing receiver only
 * delays its own retries.
 */
export class WebhookDelivery {
  private readonly o: Required<DeliveryOptions>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly engine: Engine,
    options: DeliveryOptions = {},
  ) {
    this.o = { baseDelayMs: 2000, maxDelayMs: 3_600_000, maxAttempts: 8, timeoutMs: 10_000, pollMs: 1000, wallClock: systemClock, ...options };
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.poke(), this.o.pollMs);
    this.timer.unref();
    this.poke();
  }

  poke(): void {
    if (this.running || this.stopped) return;
    this.running = this.drain()
      .then(() => undefined)
      .catch((error) => console.error('[seatwise] webhook delivery:', error))
      .finally(() => {
        this.running = undefined;
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Attempts every delivery that is due; answers how many attempts were made. */
  async drain(): Promise<number> {
    let attempts = 0;
    for (let row = await this.claim(); row && !this.stopped; row = await this.claim()) {
      await this.attempt(row);
      attempts++;
    }
    return attempts;
  }

  private async claim(): Promise<Row | undefined> {
    const now = this.o.wallClock();
    const iso = now.toISOString();
    return withWriteTx(this.engine.db, async (tx) => {
      const [row] = await tx
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, iso), or(isNull(webhookDeliveries.leaseUntil), lte(webhookDeliveries.leaseUntil, iso))))
        .orderBy(asc(webhookDeliveries.nextAttemptAt))
        .limit(1);
      if (!row) return undefined;
      const leaseUntil = new Date(now.getTime() + this.o.timeoutMs * 2).toISOString();
      await tx.update(webhookDeliveries).set({ leaseUntil }).where(eq(webhookDeliveries.id, row.id));
      return row;
    });
  }

  private async attempt(row: Row): Promise<void> {
    const attempt = row.attempts + 1;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(row.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Seatwise-Alerts/1', 'x-seatwise-delivery': `${row.id}-${attempt}` },
        body: row.payload,
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      status = res.status;
      await res.body?.cancel();
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    const ok = error === null;
    const done = ok || attempt >= this.o.maxAttempts;
    const delay = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (attempt - 1));
    const next = done ? null : new Date(this.o.wallClock().getTime() + delay).toISOString();
    const alert = JSON.parse(row.payload)?.alert as { orgId?: string | null } | undefined;
    await withWriteTx(this.engine.db, async (tx) => {
      await tx
        .update(webhookDeliveries)
        .set({ attempts: attempt, status: ok ? 'delivered' : done ? 'failed' : 'pending', nextAttemptAt: next ?? row.nextAttemptAt, leaseUntil: null, lastError: error, deliveredAt: ok ? this.o.wallClock().toISOString() : null })
        .where(eq(webhookDeliveries.id, row.id));
      await appendAudit(tx, this.engine.now(), [
        { actorId: null, action: 'webhook.attempt', subjectType: 'alert', subjectId: row.alertId, orgId: alert?.orgId ?? null, after: { deliveryId: row.id, attempt, ok, httpStatus: status, error, nextAttemptAt: next, gaveUp: !ok && done } },
      ]);
    });
  }
}
