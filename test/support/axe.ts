import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What WCAG 2.1 AA asks, as axe tags it. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  /** Each offending element: its selector path (through shadow roots) and what is wrong with it. */
  nodes: string[];
}

/**
 * axe-core's serious and critical WCAG 2.1 AA violations on `page`, or only
 * within the elements `within` selects (the overlay's `seatwise-ui` hosts, so
 * the stand-in host's own markup is not ours to judge). axe goes into open
 * shadow roots itself; the development build's overlay roots are open (see
 * extension/src/overlay/mount.tsx). Injected with `evaluate` (the DevTools
 * protocol), which the host pages' Content-Security-Policy does not govern.
 */
export async function seriousViolations(page: Page, within?: string): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(
    async ({ within, tags }) => {
      const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown; failureSummary?: string }[] }[] }> } }).axe;
      const context = within ? { include: Array.from(document.querySelectorAll(within)) } : document;
      const result = await axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`) }));
    },
    { within, tags: WCAG_AA },
  );
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
