import { and, asc, eq, isNull, lte, or } from 'drizzle-orm';
import { withWriteTx } from '../db/write-tx.ts';
import { webhookDeliveries } from '../db/schema.ts';
import { appendAudit } from '../engine/changes/audit.ts';
import { systemClock, type Clock } from '../engine/policy/clock.ts';
import type { Engine } from '../engine/engine.ts';
import { Periodic } from '../background/periodic.ts';
import { DeliveryFailed, postJson, type Sender } from './senders.ts';

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

/** Senders by target scheme: https: webhooks always, mailto: where SMTP is configured. */
export type Senders = Partial<Record<'http:' | 'https:' | 'mailto:', Sender>>;

const REPORT_KEY = 'compliance_report:';

/** The outbox subject key of a compliance report's deliveries (an alert's deliveries are keyed by the alert id). */
export const reportDeliveryKey = (reportId: string) => `${REPORT_KEY}${reportId}`;

/** What the audit log calls an attempt, and what its subject is, from the row's target and subject key. */
function describe(row: Row) {
  const channel = row.url.startsWith('mailto:') ? 'email' : 'webhook';
  const report = row.alertId.startsWith(REPORT_KEY);
  return { action: `${channel}.attempt`, subjectType: report ? 'compliance_report' : 'alert', subjectId: report ? row.alertId.slice(REPORT_KEY.length) : row.alertId };
}

/**
 * One attempt to one target through the sender for its scheme: the receiver's
 * status, or the error in words. Never throws: a failure is an outcome. The
 * outbox's attempts and the Alerts tab's "send test" both go through here.
 */
export async function sendOnce(senders: Senders, url: string, payload: string, deliveryId: string, timeoutMs: number): Promise<{ status: number | null; error: string | null }> {
  try {
    const target = new URL(url);
    const send = senders[target.protocol as keyof Senders];
    if (!send) throw new DeliveryFailed(`no way to deliver to ${target.protocol} here${target.protocol === 'mailto:' ? ' (set SMTP_URL)' : ''}`);
    return { status: (await send(target, payload, deliveryId, AbortSignal.timeout(timeoutMs))).status, error: null };
  } catch (e) {
    const error = e instanceof DeliveryFailed ? e.message : e instanceof Error ? describeError(e) : String(e);
    return { status: e instanceof DeliveryFailed ? e.status : null, error };
  }
}

/** fetch's "TypeError: fetch failed" says nothing: its cause (ECONNREFUSED, a DNS failure) does. */
function describeError(e: Error): string {
  const cause = e.cause instanceof Error ? e.cause : null;
  if (e.name === 'TimeoutError') return 'no answer in time (timed out)';
  return cause ? `${e.message}: ${cause.message}` : `${e.name}: ${e.message}`;
}

/** Webhooks by http: and https:, the same for every process. */
export const WEBHOOK_SENDERS: Senders = { 'http:': postJson, 'https:': postJson };

/**
 * Delivers the outbox: alert webhooks and compliance report emails and
 * webhooks. A row is leased before its attempt so two processes never send
 * it at once; a process that dies mid-attempt leaves a lease that expires and
 * another picks the row up. Nothing here runs inside a license change: a slow
 * or failing receiver only delays its own retries.
 */
export class OutboxDelivery {
  private readonly o: Required<DeliveryOptions>;
  private readonly loop: Periodic;
  private stopped = false;

  constructor(
    private readonly engine: Engine,
    private readonly senders: Senders = WEBHOOK_SENDERS,
    options: DeliveryOptions = {},
  ) {
    this.o = { baseDelayMs: 2000, maxDelayMs: 3_600_000, maxAttempts: 8, timeoutMs: 10_000, pollMs: 1000, wallClock: systemClock, ...options };
    this.loop = new Periodic('outbox delivery', this.o.pollMs, () => this.drain());
  }

  start(): void {
    this.stopped = false;
    this.loop.start();
  }

  /** Work is waiting: deliver now rather than at the next poll. */
  poke(): void {
    this.loop.poke();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
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
    const due = and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, iso), or(isNull(webhookDeliveries.leaseUntil), lte(webhookDeliveries.leaseUntil, iso)));
    // Most polls find nothing: a plain read says so without taking the write lock every second.
    const [any] = await this.engine.db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(due).limit(1);
    if (!any) return undefined;
    return withWriteTx(this.engine.db, async (tx) => {
      const [row] = await tx.select().from(webhookDeliveries).where(due).orderBy(asc(webhookDeliveries.nextAttemptAt)).limit(1);
      if (!row) return undefined;
      const leaseUntil = new Date(now.getTime() + this.o.timeoutMs * 2).toISOString();
      await tx.update(webhookDeliveries).set({ leaseUntil }).where(eq(webhookDeliveries.id, row.id));
      return row;
    });
  }

  private async attempt(row: Row): Promise<void> {
    const attempt = row.attempts + 1;
    const { status, error } = await sendOnce(this.senders, row.url, row.payload, `${row.id}-${attempt}`, this.o.timeoutMs);
    const ok = error === null;
    const done = ok || attempt >= this.o.maxAttempts;
    const delay = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (attempt - 1));
    const next = done ? null : new Date(this.o.wallClock().getTime() + delay).toISOString();
    const payload = JSON.parse(row.payload) as { alert?: { orgId?: string | null } };
    const { action, subjectType, subjectId } = describe(row);
    await withWriteTx(this.engine.db, async (tx) => {
      await tx
        .update(webhookDeliveries)
        .set({ attempts: attempt, status: ok ? 'delivered' : done ? 'failed' : 'pending', nextAttemptAt: next ?? row.nextAttemptAt, leaseUntil: null, lastError: error, deliveredAt: ok ? this.o.wallClock().toISOString() : null })
        .where(eq(webhookDeliveries.id, row.id));
      await appendAudit(tx, this.engine.now(), [
        { actorId: null, action, subjectType, subjectId, orgId: payload.alert?.orgId ?? null, after: { deliveryId: row.id, attempt, ok, httpStatus: status, error, nextAttemptAt: next, gaveUp: !ok && done } },
      ]);
    });
  }
}
