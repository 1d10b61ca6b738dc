import type { ComplianceReportSettings } from '@seatwise/shared';
import type { DbOrTx } from '../db/client.ts';
import type { EngineCtx } from '../engine/changes/reconcile.ts';
import { readSetting, writeSetting } from '../settings/store.ts';

const KEY = 'compliance_report';

/** Weekly, to nobody by email until an administrator names recipients. */
export const DEFAULT_REPORT_SETTINGS: ComplianceReportSettings = { every: 'weekly', recipients: [] };

export const readReportSettings = (db: DbOrTx) => readSetting(db, KEY, DEFAULT_REPORT_SETTINGS);

/** Saves the schedule and recipients, audited with what they were before. */
export const writeReportSettings = (ctx: EngineCtx, next: ComplianceReportSettings) => writeSetting(ctx, KEY, DEFAULT_REPORT_SETTINGS, next);
