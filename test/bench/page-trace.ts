import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * A Chromium trace of one page (CDP tracing: works in the extension's
 * persistent context, where playwright's browser tracing does not), for
 * finding what a long task is made of. `stop()` writes the trace (open it in
 * the DevTools Performance panel) and returns each long task of the page's
 * main thread with the time its direct parts took, by name.
 */
/**
 * INVALIDATIONS=1 adds what made each layout and style recalculation necessary (by element and reason); CPU_PROFILE=1
 * adds the JavaScript samples (DevTools shows them per function): each slower still.
 */
const CATEGORIES = [...(process.env.CPU_PROFILE ? ['disabled-by-default-v8.cpu_profiler'] : []), ...(process.env.INVALIDATIONS ? ['disabled-by-default-devtools.timeline.invalidationTracking', 'disabled-by-default-devtools.timeline.stack'] : []), 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'disabled-by-default-v8.gc'];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string } };
}

export interface LongTask {
  /** ms since the trace started. */
  at: number;
  ms: number;
  /** ms per kind of work directly inside the task (functions by their script's file name), heaviest first. */
  parts: [string, number][];
}

export async function tracePage(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: CATEGORIES } });
  return {
    async stop(file: string, longerThanMs = 50): Promise<LongTask[]> {
      const complete = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)));
      await cdp.send('Tracing.end');
      const stream = await complete;
      let text = '';
      for (;;) {
        const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 22 });
        text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
        if (chunk.eof) break;
      }
      await cdp.send('IO.close', { handle: stream });
      await cdp.detach();
      writeFileSync(file, text);
      return longTasks(JSON.parse(text) as { traceEvents: TraceEvent[] } | TraceEvent[], longerThanMs);
    },
  };
}

function longTasks(trace: { traceEvents: TraceEvent[] } | TraceEvent[], longerThanMs: number): LongTask[] {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((t) => t.pid === e.pid && t.name === 'RunTask' && (t.dur ?? 0) > longerThanMs * 1000));
  if (!main) return [];
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const start = events.reduce((min, e) => (e.ts > 0 && e.ts < min ? e.ts : min), Infinity);
  const tasks = mine.filter((e) => e.name === 'RunTask' && e.dur! > longerThanMs * 1000);
  return tasks.map((task) => {
    const end = task.ts + task.dur!;
    const parts = new Map<string, number>();
    // Direct parts: events inside the task not inside an earlier part.
    let covered = task.ts;
    for (const e of mine) {
      if (e === task || e.ts < task.ts || e.ts >= end || e.ts < covered) continue;
      const url = e.args?.data?.url;
      const name = url ? `${e.name} ${url.split('/').pop()}` : e.name;
      parts.set(name, (parts.get(name) ?? 0) + e.dur! / 1000);
      covered = e.ts + e.dur!;
    }
    return { at: Math.round((task.ts - start) / 1000), ms: Math.round(task.dur! / 1000), parts: [...parts].map(([k, v]): [string, number] => [k, Math.round(v)]).sort((a, b) => b[1] - a[1]).slice(0, 6) };
  });
}
