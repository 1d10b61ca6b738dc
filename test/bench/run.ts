import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runEngineBench } from './engine-bench.ts';
import { runJobLatencyBench } from './job-latency-bench.ts';
import { latencyNote } from './bench-db.ts';
import { printFigures, type Figure } from './stats.ts';

/**
 * `pnpm bench`: every benchmark, each figure printed with its limit and the
 * headroom to it. Figures, not assertions: nothing here fails a build.
 * `pnpm bench:remote` runs them with 5 ms added to every database round trip.
 */
const suites: [string, () => Promise<Figure[]>][] = [
  ['Engine and API (embedded libSQL, 100,000 users)', runEngineBench],
  ['Responsiveness during jobs (a real server process)', runJobLatencyBench],
];

const optional: [string, string, string][] = [
  ['Reports', './reports-bench.ts', 'runReportsBench'],
  ['Imports (embedded libSQL, over HTTP)', './imports-bench.ts', 'runImportsBench'],
  ['Overlay in Chromium', './overlay-bench.ts', 'runOverlayBench'],
];
for (const [title, file, fn] of optional) {
  if (existsSync(fileURLToPath(new URL(file, import.meta.url)))) {
    suites.push([title, async () => ((await import(file)) as Record<string, () => Promise<Figure[]>>)[fn]!()]);
  }
}

for (const [title, run] of suites) {
  try {
    printFigures(`${title}${latencyNote()}`, await run());
  } catch (error) {
    console.error(`\n${title}: failed — ${error instanceof Error ? error.stack : error}`);
    process.exitCode = 1;
  }
}
