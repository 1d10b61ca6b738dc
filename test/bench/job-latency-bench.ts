import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../server/server-process.ts';
import { openBenchDatabase } from './bench-db.ts';
import { writeLargeDistrict } from './large-district.ts';
import { percentile, printFigures, type Figure } from './stats.ts';

const TOKEN = 'bench-job-admin-token-000';
const USERS = 15_000;
const JOB_USERS = 10_000;
const SAMPLES = 1500;

/**
 * Single-user lookup latency from a real server process, idle and while that
 * process works a 10,000-user bulk job: the job must leave the process
 * answering (goal: p99 under 3× the idle p99). Sequential requests on one
 * keep-alive connection, measured from this process.
 */
export async function runJobLatencyBench(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'seatwise-bench-job-'));
  const url = `file:${join(dir, 'bench.db')}`;
  const { database } = await openBenchDatabase(url);
  await writeLargeDistrict(database.client, USERS);
  database.close();
  const server = await startServerProcess({ DATABASE_URL: url, ADMIN_TOKEN: TOKEN });
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  const lookupMs = async (i: number) => {
    const t = performance.now();
    const res = await fetch(`${server.url}/api/v1/users/lookup`, { method: 'POST', headers, body: JSON.stringify({ emails: [`user${(i * 7919) % USERS}@big.test`] }) });
    if (res.status !== 200) throw new Error(`lookup ${res.status}`);
    await res.json();
    return performance.now() - t;
  };
  const sample = async (n: number, keepGoing: () => boolean = () => true) => {
    const times: number[] = [];
    for (let i = 0; i < n && keepGoing(); i++) times.push(await lookupMs(i));
    return times;
  };
  const jobStatus = async (id: string) => {
    const res = await fetch(`${server.url}/api/v1/jobs/${id}`, { headers });
    return ((await res.json()) as { status: string; done: number; refused: number }).status;
  };

  try {
    await sample(200); // warm-up
    const idle = percentile(await sample(SAMPLES), 99);

    // Users who are not Observers yet (every third one is): each takes a weCLIMB seat.
    const userIds = Array.from({ length: USERS }, (_, j) => j).filter((j) => j % 3 !== 0).slice(0, JOB_USERS).map((j) => `usr_big_${j}`);
    const started = performance.now();
    const created = await fetch(`${server.url}/api/v1/bulk/roles`, { method: 'POST', headers, body: JSON.stringify({ userIds, add: ['observer'] }) });
    if (created.status !== 202) throw new Error(`bulk ${created.status} ${await created.text()}`);
    const { jobId } = (await created.json()) as { jobId: string };
    const during = await sample(SAMPLES);
    if ((await jobStatus(jobId)) === 'done') throw new Error('the job finished before the measurement did: make it larger');
    const busy = percentile(during, 99);
    while ((await jobStatus(jobId)) !== 'done') await new Promise((r) => setTimeout(r, 1000));
    const jobSeconds = (performance.now() - started) / 1000;

    const round = (ms: number) => Math.round(ms * 100) / 100;
    return [
      { name: 'single-user lookup p99, no job running', value: round(idle), unit: 'ms', limit: 20, note: `${SAMPLES} sequential lookups on a server process, ${USERS.toLocaleString('en')} users` },
      {
        name: `single-user lookup p99 while a ${JOB_USERS.toLocaleString('en')}-user job runs`,
        value: round(busy),
        unit: 'ms',
        limit: round(3 * idle),
        note: `goal < 3× idle p99 (${round(busy / idle)}× now); the job took ${jobSeconds.toFixed(0)} s (${Math.round(JOB_USERS / jobSeconds)} users/s)`,
      },
    ];
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runJobLatencyBench().then((f) => printFigures('Responsiveness during jobs', f));
}
