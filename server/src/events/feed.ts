import { asc, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';

export interface FeedRow {
  seq: number;
  at: string;
  action: string;
  subjectType: string;
  subjectId: string;
  orgId: string | null;
  /** Only for `alert.raise` rows: the alert raised (other rows' bodies are not needed). */
  alert: string | null;
}

const columns = {
  seq: auditLog.seq,
  at: auditLog.at,
  action: auditLog.action,
  subjectType: auditLog.subjectType,
  subjectId: auditLog.subjectId,
  orgId: auditLog.orgId,
  alert: sql<string | null>`case when ${auditLog.action} = 'alert.raise' then ${auditLog.after} end`,
};

const PAGE = 1000;

/** Audit entries after `seq`, oldest first: the database is the feed, so every process's changes appear. */
export function readSince(db: Db, seq: number, limit = PAGE): Promise<FeedRow[]> {
  return db.select(columns).from(auditLog).where(gt(auditLog.seq, seq)).orderBy(asc(auditLog.seq)).limit(limit);
}

export async function maxSeq(db: Db): Promise<number> {
  const [row] = await db.select({ seq: sql<number | null>`max(${auditLog.seq})` }).from(auditLog);
  return Number(row?.seq ?? 0);
}

type Listener = (rows: FeedRow[]) => void;

/**
 * One poller per database per process, shared by every subscriber: it
 * reads audit entries past the last one seen and hands them out. SQLite
 * commits writers one at a time, so sequence numbers become visible in
 * order and "seq > last" never skips one. It runs only while someone listens.
 */
export class AuditFeed {
  private readonly listeners = new Set<Listener>();
  private last = 0;
  private timer: NodeJS.Timeout | undefined;
  private starting: Promise<void> | undefined;
  private polling = false;

  constructor(
    private readonly db: Db,
    private readonly pollMs = 500,
  ) {}

  /** Resolves once the feed knows where it stands, so a caller reading `maxSeq` afterwards cannot fall into a gap. */
  async subscribe(listener: Listener): Promise<() => void> {
    this.listeners.add(listener);
    this.starting ??= this.start();
    await this.starting;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  private async start(): Promise<void> {
    this.last = await maxSeq(this.db);
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.starting = undefined;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      for (;;) {
        const rows = await readSince(this.db, this.last);
        if (rows.length === 0) break;
        this.last = rows[rows.length - 1]!.seq;
        for (const listener of this.listeners) listener(rows);
        if (rows.length < PAGE) break;
      }
    } catch (error) {
      console.error('[seatwise] live-update feed:', error);
    } finally {
      this.polling = false;
    }
  }
}

const feeds = new WeakMap<Db, AuditFeed>();

export function feedFor(db: Db): AuditFeed {
  let feed = feeds.get(db);
  if (!feed) feeds.set(db, (feed = new AuditFeed(db)));
  return feed;
}
