import type { Authority } from '@seatwise/shared';
import type { Database } from '../db/client.ts';
import type { Engine } from '../engine/engine.ts';
import type { ChangeVersions } from '../engine/queries/change-versions.ts';
import type { OrgTree } from '../engine/queries/org-tree.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { AbuseLimits } from './abuse-limits.ts';

/** Who is calling, and which organizations their authority covers (`null`: all). */
export interface Caller {
  userId: string;
  /** The API token this request came with, so a revocation can end its live stream. */
  tokenId: string;
  email: string;
  authority: Authority;
  homeOrgId: string | null;
  scope: Set<string> | null;
  tree: OrgTree;
}

export interface Services {
  database: Database;
  engine: Engine;
  /** Present in a serving process; absent in tests that drive jobs by hand. */
  jobRunner?: JobRunner;
  /** How long a seat hold lasts (`HOLD_TTL_SECONDS`); the default is 15 minutes. */
  holdTtlMs?: number;
  /** `ALERT_WEBHOOK_URL`: the webhook while none is stored in the alert settings. */
  alertWebhookUrl?: string;
}

export type AppEnv = {
  Variables: {
    services: Services;
    caller: Caller;
    /** The change counters read as this request began, before anything they guard. */
    versions: ChangeVersions;
    /** This app's throttles (per process). */
    limits: AbuseLimits;
  };
};
