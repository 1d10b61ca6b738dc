import { browser } from '#imports';
import { IMPORT_KINDS, type ImportKind } from '@seatwise/shared';
import { useEffect, useState } from 'preact/hooks';
import { outcomeUnknown } from '../api/failure.ts';
import { FailureNotice, Section, Spinner, UsageBar } from '../ui/components.tsx';
import { PageHead } from '../ui/page-head.tsx';
import { authorityWords, SessionGate } from '../ui/session-gate.tsx';
import { formatCount, plural } from '../ui/format.ts';
import { saveTextFile } from '../ui/save-file.ts';
import type { ImportPageState } from './import-state.ts';
import { IssuesTable } from './issues-table.tsx';
import { builtinField, fieldLabel, fieldsOf } from './mapping.ts';
import { ReportFigures } from './report-view.tsx';
import { KIND_HINTS, KIND_LABELS, MODE_CONSEQUENCES } from './words.ts';

const reportsUrl = browser.runtime.getURL('/reports.html');
const formatSize = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

export function ImportApp({ state }: { state: ImportPageState }) {
  useEffect(() => {
    const stop = state.start();
    addEventListener('pagehide', state.dispose);
    return () => void stop.then((f) => f());
  }, [state]);
  return (
    <div class="reports import">
      <PageHead title="Seatwise import" session={state.session.value}>
        <a class="head-link" href={reportsUrl}>Reports</a>
      </PageHead>
      <Body state={state} />
    </div>
  );
}

function Body({ state }: { state: ImportPageState }) {
  const failure = state.failure.value;
  return (
    <SessionGate
      session={state.session.value}
      failure={failure}
      allowed={state.allowed.value}
      signInFor="import"
      denied={(me) => ({ title: 'Imports are for administrators', body: `System and organization administrators import organizations, users and activity. Your token is ${authorityWords(me.authority)}'s.` })}
    >
      <Steps state={state} failure={failure} />
    </SessionGate>
  );
}

function Steps({ state, failure }: { state: ImportPageState; failure: ImportPageState['failure']['value'] }) {
  return (
    <main class="import-steps">
      <FileStep state={state} />
      {state.picked.value && <ColumnsStep state={state} />}
      {failure && <FailureNotice failure={failure} action={outcomeUnknown(failure) && state.busy.value === null && state.report.value ? <span class="small">The import may have started: look at the audit log before applying again.</span> : undefined} />}
      {state.report.value && !state.finished.value && !state.progress.value && <DryRunStep state={state} />}
      {(state.progress.value || state.finished.value) && <ApplyStep state={state} />}
    </main>
  );
}

function FileStep({ state }: { state: ImportPageState }) {
  const [over, setOver] = useState(false);
  const picked = state.picked.value;
  const kind = state.kind.value;
  const districts = state.districts.value;
  const onFiles = (files: FileList | null | undefined) => {
    const file = files?.[0];
    if (file) void state.pick(file);
  };
  return (
    <Section title="1 · File" id="file">
      <div class="card step">
        <div class="kind-row">
          <fieldset class="segmented" disabled={!!state.busy.value}>
            <legend class="label">What the file holds</legend>
            {IMPORT_KINDS.map((k: ImportKind) => (
              <label key={k} class={`segment${k === kind ? ' segment-on' : ''}`}>
                <input type="radio" name="kind" value={k} checked={k === kind} onChange={() => state.setKind(k)} />
                {KIND_LABELS[k]}
              </label>
            ))}
          </fieldset>
          {districts.length > 1 && (
            <div class="field district">
              <label for="district">District</label>
              <select id="district" class="input" value={state.district.value ?? ''} onChange={(e) => state.setDistrict((e.currentTarget as HTMLSelectElement).value)} disabled={!!state.busy.value}>
                {districts.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
              </select>
            </div>
          )}
        </div>
        <p class="muted small">{KIND_HINTS[kind]}</p>
        <label
          class={`dropzone${over ? ' dropzone-over' : ''}`}
          onDragOver={(e) => (e.preventDefault(), setOver(true))}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            onFiles(e.dataTransfer?.files);
          }}
        >
          <input type="file" accept=".csv,text/csv" class="visually-hidden" aria-label="CSV file to import" onChange={(e) => onFiles((e.currentTarget as HTMLInputElement).files)} disabled={!!state.busy.value} />
          {state.busy.value === 'reading' ? (
            <span><Spinner label="Reading the file" /> Reading the header…</span>
          ) : picked ? (
            <span class="picked">
              <strong>{picked.file.name}</strong>
              <span class="muted">{`${formatSize(picked.file.size)} · ${plural(picked.header.length, 'column')}`}</span>
              <span class="muted small">Drop another file or click to replace it.</span>
            </span>
          ) : (
            <span class="drop-hint">
              <strong>Drop a CSV file here</strong>
              <span class="muted">or click to choose one (up to 50 MB). Nothing is sent until you dry run it.</span>
            </span>
          )}
        </label>
      </div>
    </Section>
  );
}

function ColumnsStep({ state }: { state: ImportPageState }) {
  const kind = state.kind.value;
  const header = state.picked.value!.header;
  const mapping = state.mapping.value;
  const missing = state.missing.value;
  const doubled = state.doubled.value;
  const busy = state.busy.value;
  return (
    <Section title="2 · Columns and mode" id="columns">
      <div class="card step">
        <div class="table-wrap mapping-wrap">
          <table class="table mapping">
            <caption class="visually-hidden">Which field each column of the file fills</caption>
            <thead>
              <tr><th scope="col">Column in the file</th><th scope="col">Imported as</th></tr>
            </thead>
            <tbody>
              {header.map((h, i) => {
                const builtin = builtinField(kind, h);
                return (
                  <tr key={`${i}:${h}`}>
                    <td><label for={`col-${i}`}>{h || <em class="muted">(no name)</em>}</label></td>
                    <td>
                      <select id={`col-${i}`} class="input" value={mapping[h] ?? ''} disabled={!!busy} onChange={(e) => state.setColumn(h, (e.currentTarget as HTMLSelectElement).value)}>
                        {/* A column the platform names is always read as its field; another may stay out. */}
                        {!builtin && <option value="">Not imported</option>}
                        {fieldsOf(kind).map((f) => <option key={f} value={f}>{fieldLabel(kind, f)}</option>)}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {missing.length > 0 && <p class="field-error" role="alert">{`Choose a column for ${missing.join(', ')}: the server refuses a file without it.`}</p>}
        {doubled.length > 0 && <p class="field-error" role="alert">{`Two columns are imported as ${doubled.join(', ')}: keep one.`}</p>}
        {state.saved.value && Object.keys(state.saved.value.columns).length > 0 && <p class="muted small">{`Columns named differently from the platform's export are read through your district's saved mapping (${plural(Object.keys(state.saved.value.columns).length, 'column')}); changing one here saves it for the district's next imports.`}</p>}
        {kind === 'users' && (
          <fieldset class="choices" disabled={!!busy}>
            <legend class="label">Users missing from the file</legend>
            {(['upsert', 'sync'] as const).map((m) => (
              <label key={m} class="choice">
                <input type="radio" name="mode" value={m} checked={state.mode.value === m} onChange={() => state.setMode(m)} />
                <span><strong>{m === 'upsert' ? 'Keep them' : 'Sync: archive them'}</strong><span class="muted small">{MODE_CONSEQUENCES[m]}</span></span>
              </label>
            ))}
          </fieldset>
        )}
        <div class="step-actions">
          <button type="button" class="btn btn-primary" disabled={!state.canDryRun.value} onClick={() => void state.dryRun()}>
            {busy === 'mapping' ? 'Saving the mapping…' : busy === 'dryRun' ? 'Dry running…' : 'Dry run'}
          </button>
          {busy === 'dryRun' || busy === 'mapping' ? <Spinner label="Dry running" /> : <span class="muted small">Reads the whole file on the server and changes nothing.</span>}
        </div>
      </div>
    </Section>
  );
}

/** A step that appears below the fold is brought into view: the admin sees the dry run or the progress without hunting for it. */
function useShown(id: string) {
  useEffect(() => document.getElementById(id)?.scrollIntoView?.({ block: 'start', behavior: 'smooth' }), [id]);
}

async function download(state: ImportPageState) {
  const file = await state.rejectedCsv();
  if (file) saveTextFile(file.filename, file.text);
}

function DryRunStep({ state }: { state: ImportPageState }) {
  const report = state.report.value!;
  const invalid = report.invalid.length;
  const valid = report.rows - invalid;
  const skip = state.skipInvalid.value;
  useShown('dry-run');
  return (
    <Section title="3 · Dry run" id="dry-run" aside={<span class="muted small">Nothing has changed yet.</span>}>
      <ReportFigures report={report} />
      {invalid > 0 && (
        <div class="card step invalid-rows">
          <div class="section-head">
            <h3 class="subhead">{`${plural(invalid, 'invalid row')}`}</h3>
            <button type="button" class="btn btn-small" disabled={!!state.busy.value} onClick={() => void download(state)}>
              {state.busy.value === 'downloading' ? 'Preparing…' : 'Download these rows (CSV)'}
            </button>
          </div>
          <IssuesTable issues={report.invalid} />
          <label class="choice">
            <input type="checkbox" checked={skip} onChange={(e) => (state.skipInvalid.value = (e.currentTarget as HTMLInputElement).checked)} />
            <span>
              <strong>{valid ? `Skip the ${plural(invalid, 'invalid row')} and import the other ${formatCount(valid)}` : `Skip the ${plural(invalid, 'invalid row')} (no other row to import)`}</strong>
              <span class="muted small">Without this the server refuses the whole file and imports nothing. With it, the invalid rows are left out: download them, fix them and import that file again.</span>
            </span>
          </label>
        </div>
      )}
      <div class="step-actions">
        <button type="button" class="btn btn-primary" disabled={!state.canApply.value} onClick={() => void state.apply()}>
          {state.busy.value === 'applying' ? 'Starting…' : report.mode === 'sync' && report.archived ? `Import and archive ${formatCount(report.archived)}` : 'Import'}
        </button>
        <span class="muted small">
          {invalid > 0 && !skip ? 'Fix the invalid rows, or choose to skip them.' : report.created + report.updated + report.archived === 0 && report.kind !== 'activity' ? 'Nothing would change: the import would confirm it.' : 'Applies in the background; you can follow it here.'}
        </span>
      </div>
    </Section>
  );
}

function ApplyStep({ state }: { state: ImportPageState }) {
  const progress = state.progress.value;
  const finished = state.finished.value;
  const job = finished?.job ?? progress?.job ?? null;
  const settled = job ? job.done + job.refused : 0;
  const pct = job && job.total ? (settled / job.total) * 100 : finished ? 100 : 0;
  const rejected = state.rejectedCount.value;
  useShown('apply');
  return (
    <Section title={finished ? '4 · Imported' : '4 · Importing'} id="apply">
      <div class="card step">
        <div class="progress-head">
          <strong>{finished ? (job ? 'Done' : 'Nothing needed changing') : 'Applying…'}</strong>
          <span class="muted small num">{job ? `${formatCount(settled)} of ${formatCount(job.total)} rows${progress && !finished ? ` · ${formatCount(Math.round(progress.rate))} rows/s` : ''}` : ''}</span>
        </div>
        <UsageBar pct={pct} tone={job?.refused ? 'warn' : 'ok'} label="Import progress" />
        {finished && (
          <div class={`notice ${rejected ? 'notice-warn' : 'notice-ok'}`} role="status">
            <strong class="notice-title">
              {job
                ? `${plural(job.done, 'row')} applied${job.refused ? `, ${formatCount(job.refused)} refused` : ''}`
                : finished.report.invalid.length
                  ? 'Nothing imported: no valid row changes anything.'
                  : 'The file matches what Seatwise already has.'}
            </strong>
            <p class="notice-body">
              {`${formatCount(finished.report.created)} created, ${formatCount(finished.report.updated)} updated, ${formatCount(finished.report.unchanged)} unchanged`}
              {finished.report.mode === 'sync' ? `, ${formatCount(finished.report.archived)} archived` : ''}
              {finished.report.invalid.length ? `; ${plural(finished.report.invalid.length, 'invalid row')} skipped` : ''}
              {'. Every change is in the audit log with the import as its source.'}
            </p>
            {rejected > 0 && (
              <div class="notice-action">
                <button type="button" class="btn btn-small" disabled={!!state.busy.value} onClick={() => void download(state)}>
                  {`Download the ${plural(rejected, 'rejected row')} (CSV)`}
                </button>
              </div>
            )}
          </div>
        )}
      </div>
    </Section>
  );
}
