/** Small helpers every benchmark shares. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The target this figure is held to; `higherIsBetter` says which side of it passes. None: shown for what it is. */
  limit?: number;
  higherIsBetter?: boolean;
  note?: string;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** The p-th percentile (nearest rank) of a sample. */
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function medianMs(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeMs(fn));
  return Math.round(median(times) * 100) / 100;
}

export function printFigures(title: string, figures: Figure[]) {
  console.log(`\n${title}`);
  for (const f of figures) {
    const ratio = f.limit === undefined ? 1 : f.higherIsBetter ? f.value / f.limit : f.limit / f.value;
    const goal = f.limit === undefined ? '' : ` limit ${f.higherIsBetter ? '≥' : '≤'} ${f.limit} ${f.unit} (${ratio.toFixed(2)}× headroom, ${ratio >= 1 ? 'ok' : 'MISSES'})`;
    console.log(`  ${f.name.padEnd(58)} ${String(f.value).padStart(10)} ${f.unit.padEnd(6)}${goal}${f.note ? `  — ${f.note}` : ''}`);
  }
}
