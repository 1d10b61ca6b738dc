import { computed, signal } from '@preact/signals';
import { IMPORT_BODY_LIMIT_BYTES, type ImportKind, type ImportReport, type Job } from '@seatwise/shared';
import { toFailure, type Failure } from '../api/failure.ts';
import type { ImportMapping } from '../api/types.ts';
import type { Backend } from '../messaging/client.ts';
import type { Push, SessionInfo } from '../messaging/protocol.ts';
import { readCsvHeader, rejectedRowsCsv } from './csv-file.ts';
import { doubledFields, mappingToSave, missingFields, proposeMapping, type ColumnMapping } from './mapping.ts';
import { refusalReason } from './words.ts';

/** Where a picked file lives for the background to send (staged-files.ts in the page; a fake in tests). */
export interface FileStage {
  stage(file: Blob): Promise<string>;
  unstage(id: string): Promise<void>;
}

export interface PickedFile {
  file: File;
  fileId: string;
  header: string[];
}

export interface Progress {
  job: Job;
  startedAt: number;
  /** Rows settled per second since the import started. */
  rate: number;
}

const POLL_MS = 700;
const MB = 1024 * 1024;
export const mayImport = (authority: string | undefined) => authority === 'system_admin' || authority === 'org_admin';

/**
 * The Import page: pick a file, map its columns (saved per district on the
 * server), dry run, then apply and follow the job; rejected rows (invalid in
 * the dry run and skipped, or refused while applying) download as CSV.
 */
export function createImportPageState(backend: Backend, files: FileStage, { pollMs = POLL_MS } = {}) {
  const session = signal<SessionInfo | null>(null);
  const kind = signal<ImportKind>('users');
  /** The district root whose mapping applies (always sent: a caller without an organization has none of its own). */
  const district = signal<string | null>(null);
  const saved = signal<ImportMapping | null>(null);
  const picked = signal<PickedFile | null>(null);
  const mapping = signal<ColumnMapping>({});
  const mode = signal<'upsert' | 'sync'>('upsert');
  const skipInvalid = signal(false);
  const report = signal<ImportReport | null>(null);
  const busy = signal<null | 'reading' | 'mapping' | 'dryRun' | 'applying' | 'downloading'>(null);
  const failure = signal<Failure | null>(null);
  const progress = signal<Progress | null>(null);
  /** After apply: the import's report and its job as it ended (null job: nothing needed changing). */
  const finished = signal<{ report: ImportReport; job: Job | null } | null>(null);
  /** Rows the job refused, by line (read once it is done). */
  const refusedRows = signal<Map<number, string>>(new Map());

  const me = computed(() => session.value?.me ?? null);
  const allowed = computed(() => mayImport(me.value?.authority));
  /** District roots the caller may import into: an org admin sees only the organizations of its scope. */
  const districts = computed(() => {
    const orgs = me.value?.scope.orgs ?? [];
    const ids = new Set(orgs.map((o) => o.id));
    return orgs.filter((o) => !o.parentId || !ids.has(o.parentId));
  });
  const missing = computed(() => (picked.value ? missingFields(kind.value, mapping.value) : []));
  const doubled = computed(() => (picked.value ? doubledFields(kind.value, mapping.value) : []));
  const canDryRun = computed(() => !!picked.value && !busy.value && !missing.value.length && !doubled.value.length && allowed.value);
  const invalidCount = computed(() => report.value?.invalid.length ?? 0);
  const canApply = computed(() => !!report.value && !busy.value && !progress.value && !finished.value && (invalidCount.value === 0 || skipInvalid.value));
  const rejectedCount = computed(() => (finished.value ? finished.value.report.invalid.length + refusedRows.value.size : 0));

  const fail = (error: unknown) => {
    failure.value = toFailure(error);
  };

  /** Anything that changes what the file would do makes the dry run stale. */
  function resetRun() {
    report.value = null;
    skipInvalid.value = false;
    progress.value = null;
    finished.value = null;
    refusedRows.value = new Map();
  }

  async function loadMapping() {
    if (!allowed.value) return;
    const k = kind.value;
    try {
      const m = await backend.request('imports.mapping', { kind: k, orgId: district.value ?? undefined });
      if (kind.value !== k) return;
      saved.value = m;
      if (picked.value) mapping.value = proposeMapping(k, picked.value.header, m.columns);
    } catch (error) {
      fail(error);
    }
  }

  async function start(): Promise<() => void> {
    const unsubscribe = backend.subscribe(onPush);
    try {
      session.value = await backend.request('session.get', {});
      district.value = districts.value[0]?.id ?? null;
      await loadMapping();
    } catch (error) {
      fail(error);
    }
    return unsubscribe;
  }

  function onPush(push: Push) {
    if (push.type === 'connection' && session.value) session.value = { ...session.value, state: push.state };
  }

  function setKind(k: ImportKind) {
    if (k === kind.value) return;
    kind.value = k;
    if (k !== 'users') mode.value = 'upsert';
    mapping.value = picked.value ? proposeMapping(k, picked.value.header, {}) : {};
    saved.value = null;
    resetRun();
    void loadMapping();
  }

  function setDistrict(id: string) {
    district.value = id;
    resetRun();
    void loadMapping();
  }

  async function pick(file: File) {
    failure.value = null;
    if (file.size > IMPORT_BODY_LIMIT_BYTES) {
      failure.value = { kind: 'api', status: 413, code: 'payload_too_large', message: `${file.name} is ${(file.size / MB).toFixed(1)} MB; an import takes up to ${IMPORT_BODY_LIMIT_BYTES / MB} MB. Split it into smaller files.` };
      return;
    }
    busy.value = 'reading';
    try {
      const header = await readCsvHeader(file);
      const fileId = await files.stage(file);
      if (picked.value) void files.unstage(picked.value.fileId).catch(() => undefined);
      picked.value = { file, fileId, header };
      mapping.value = proposeMapping(kind.value, header, saved.value?.columns ?? {});
      resetRun();
    } catch (error) {
      failure.value = { kind: 'api', status: 400, code: 'invalid_file', message: `${file.name}: ${(error as Error).message}` };
    } finally {
      busy.value = null;
    }
  }

  function setColumn(header: string, field: string) {
    mapping.value = { ...mapping.value, [header]: field };
    resetRun();
  }

  function setMode(m: 'upsert' | 'sync') {
    mode.value = m;
    resetRun();
  }

  const runPayload = (dryRun: boolean) => ({
    kind: kind.value,
    fileId: picked.value!.fileId,
    dryRun,
    mode: mode.value,
    skipInvalid: skipInvalid.value,
    orgId: district.value ?? undefined,
  });

  async function dryRun() {
    if (!canDryRun.value) return;
    failure.value = null;
    resetRun();
    try {
      // The server reads the file through the district's saved mapping: save this file's first when it differs.
      const columns = mappingToSave(kind.value, mapping.value, saved.value?.columns ?? {});
      if (columns) {
        busy.value = 'mapping';
        saved.value = await backend.request('imports.saveMapping', { kind: kind.value, orgId: district.value ?? undefined, columns });
      }
      busy.value = 'dryRun';
      report.value = (await backend.request('imports.run', runPayload(true))).report;
    } catch (error) {
      fail(error);
    } finally {
      busy.value = null;
    }
  }

  async function apply() {
    if (!canApply.value) return;
    failure.value = null;
    busy.value = 'applying';
    try {
      const result = await backend.request('imports.run', runPayload(false));
      if (!result.jobId) {
        finished.value = { report: result.report, job: null };
        return;
      }
      const startedAt = Date.now();
      let job = await backend.request('imports.job', { id: result.jobId, items: 'none' });
      for (;;) {
        const settled = job.done + job.refused;
        progress.value = { job, startedAt, rate: settled / Math.max(0.001, (Date.now() - startedAt) / 1000) };
        if (job.status === 'done') break;
        await new Promise((r) => setTimeout(r, pollMs));
        job = await backend.request('imports.job', { id: result.jobId, items: 'none' });
      }
      if (job.refused) refusedRows.value = await readRefused(result.jobId);
      finished.value = { report: result.report, job };
    } catch (error) {
      fail(error);
    } finally {
      busy.value = null;
    }
  }

  async function readRefused(jobId: string): Promise<Map<number, string>> {
    const rows = new Map<number, string>();
    let cursor: string | undefined;
    do {
      const page = await backend.request('imports.job', { id: jobId, items: 'refused', cursor });
      for (const item of page.items) rows.set(item.line ?? 0, refusalReason(item.code));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return rows;
  }

  /** The rows left out: invalid in the dry run (skipped) and refused while applying, with the file's own cells. */
  async function rejectedCsv(): Promise<{ filename: string; text: string } | null> {
    const done = finished.value ?? (report.value ? { report: report.value, job: null } : null);
    if (!picked.value || !done) return null;
    busy.value = 'downloading';
    try {
      const reasons = new Map<number, string>();
      for (const issue of done.report.invalid) {
        const why = issue.field ? `${issue.field}: ${issue.reason}` : issue.reason;
        reasons.set(issue.line, reasons.has(issue.line) ? `${reasons.get(issue.line)}; ${why}` : why);
      }
      for (const [line, why] of refusedRows.value) reasons.set(line, why);
      const base = picked.value.file.name.replace(/\.[^.]*$/, '');
      return { filename: `${base}-rejected.csv`, text: await rejectedRowsCsv(picked.value.file, reasons) };
    } catch (error) {
      fail(error);
      return null;
    } finally {
      busy.value = null;
    }
  }

  /** Leaves nothing staged behind when the page closes. */
  function dispose() {
    if (picked.value) void files.unstage(picked.value.fileId).catch(() => undefined);
  }

  return {
    session, me, allowed, kind, district, districts, saved, picked, mapping, mode, skipInvalid, report, busy, failure, progress, finished, refusedRows,
    missing, doubled, canDryRun, invalidCount, canApply, rejectedCount,
    start, setKind, setDistrict, pick, setColumn, setMode, dryRun, apply, rejectedCsv, dispose,
  };
}
export type ImportPageState = ReturnType<typeof createImportPageState>;
