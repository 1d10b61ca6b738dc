import { IMPORT_KINDS, type ImportKind, type ImportReport, type Job } from '@seatwise/shared';
import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';

/**
 * `pnpm seatwise import <orgs|users|activity> FILE [--dry-run] [--sync] [--skip-invalid]`
 * for schedulers: streams the file to the server named by SEATWISE_URL with
 * SEATWISE_TOKEN, follows the job, prints a summary. Exit codes: 0 done,
 * 1 refused (the file or some rows), 2 wrong usage or configuration.
 */
const USAGE = `usage: pnpm seatwise import <${IMPORT_KINDS.join('|')}> FILE [--dry-run] [--sync] [--skip-invalid]
  SEATWISE_URL   the server (default http://127.0.0.1:8787)
  SEATWISE_TOKEN an API token of a system or organization administrator`;

class Refused extends Error {}
class Usage extends Error {}

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, sync: { type: 'boolean', default: false }, 'skip-invalid': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
  const [command, kind, file] = positionals;
  if (values.help || command !== 'import' || !IMPORT_KINDS.includes(kind as ImportKind) || !file || positionals.length > 3) throw new Usage(USAGE);
  const token = process.env.SEATWISE_TOKEN;
  if (!token) throw new Usage(`SEATWISE_TOKEN is not set\n${USAGE}`);
  const base = (process.env.SEATWISE_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
  // pnpm runs the script from the workspace root; the file is named relative to where the command was typed.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new Usage(`cannot read ${file}`);
  }

  const query = new URLSearchParams({ dryRun: String(values['dry-run']), mode: values.sync ? 'sync' : 'upsert', skipInvalid: String(values['skip-invalid']) });
  out(`${values['dry-run'] ? 'Dry run of' : 'Importing'} ${kind} from ${file} (${(size / 1024 / 1024).toFixed(1)} MB) into ${base}…`);
  const headers = { authorization: `Bearer ${token}`, 'content-type': path.endsWith('.json') ? 'application/json' : 'text/csv', 'content-length': String(size) };
  const res = await request(`${base}/api/v1/imports/${kind}?${query}`, {
    method: 'POST',
    headers,
    body: Readable.toWeb(createReadStream(path)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const body = (await res.json().catch(() => null)) as { report?: ImportReport; jobId?: string | null; error?: { message: string; invalid?: ImportReport['invalid'] } } | null;
  if (!res.ok || !body?.report) {
    out(`Refused (${res.status}): ${body?.error?.message ?? res.statusText}`);
    printInvalid(body?.error?.invalid ?? []);
    throw new Refused();
  }
  printReport(body.report);
  if (values['dry-run']) {
    if (body.report.invalid.length && !values['skip-invalid']) throw new Refused('the file has invalid rows: an import would be refused unless --skip-invalid');
    return;
  }
  if (!body.jobId) {
    out('Nothing to change.');
    return;
  }
  const job = await follow(base, token, body.jobId);
  out(`Done: ${job.done} applied, ${job.refused} refused (job ${job.id}).`);
  if (job.refused) {
    const codes = new Map<string, number>();
    for (const i of job.items) if (i.status === 'refused') codes.set(i.code ?? '?', (codes.get(i.code ?? '?') ?? 0) + 1);
    out(`Refused rows by reason: ${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')}`);
    throw new Refused();
  }
}

async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw new Usage(`cannot reach ${new URL(url).origin}: ${error instanceof Error ? (error.cause as Error | undefined)?.message ?? error.message : error}`);
  }
}

async function readJob(base: string, token: string, jobId: string, query: string): Promise<Job> {
  const res = await request(`${base}/api/v1/jobs/${jobId}?${query}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Refused(`cannot follow job ${jobId}: ${res.status}`);
  return (await res.json()) as Job;
}

/** Polls the job, printing progress and rate, until it is done. */
async function follow(base: string, token: string, jobId: string): Promise<Job> {
  const started = Date.now();
  let last = '';
  for (;;) {
    // Counts only while it runs; once done, the refused rows (the first page of them names the reasons).
    const job = await readJob(base, token, jobId, 'items=none');
    const settled = job.done + job.refused;
    const rate = settled / Math.max(0.001, (Date.now() - started) / 1000);
    const line = `  ${job.status}: ${settled} of ${job.total} rows (${Math.round(rate)} rows/s)`;
    if (line !== last) out((last = line));
    if (job.status === 'done') return job.refused ? readJob(base, token, jobId, 'items=refused&limit=5000') : job;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function printReport(r: ImportReport): void {
  out(`${r.rows} rows read: ${r.created} to create, ${r.updated} to update, ${r.unchanged} unchanged${r.mode === 'sync' ? `, ${r.archived} to archive` : ''}${r.kind === 'activity' ? `, ${r.unknownUsers} naming nobody known` : ''}; ${r.invalid.length} invalid.`);
  if (r.kind === 'users') out(`Licenses: ${r.licensed} users get a seat, ${r.waiting} wait for one.`);
  for (const p of r.pools) out(`  ${p.name}: +${p.take} −${p.release} seats → ${p.assignedAfter} of ${p.capacity}`);
  for (const u of r.archivedUsers.slice(0, 20)) out(`  archive ${u.email}`);
  if (r.archivedUsers.length > 20) out(`  … and ${r.archivedUsers.length - 20} more to archive`);
  printInvalid(r.invalid);
}

function printInvalid(invalid: ImportReport['invalid']): void {
  for (const i of invalid.slice(0, 20)) out(`  line ${i.line}${i.field ? `, ${i.field}` : ''}: ${i.reason}`);
  if (invalid.length > 20) out(`  … and ${invalid.length - 20} more invalid rows`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error) => {
    if (error instanceof Usage) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    if (error instanceof Refused) {
      if (error.message) out(`Refused: ${error.message}`);
      process.exit(1);
    }
    process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  },
);
