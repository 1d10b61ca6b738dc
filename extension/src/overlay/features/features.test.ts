import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLES, FEATURES } from './index.ts';

const DIR = join(process.cwd(), 'src/overlay/features');
const SNAPSHOTS = readdirSync(join(process.cwd(), 'src/adapters/__snapshots__')).map((f) => f.replace(/\.html$/, ''));
const files = readdirSync(DIR).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts') && f !== 'index.ts');

/** The house rules, as Refined GitHub keeps them: every feature registered, named by its file, documented, with test pages. */
describe('overlay features', () => {
  it('registers every feature file, once', () => {
    expect(FEATURES.map((f) => f.id).sort()).toEqual(files.map((f) => f.replace(/\.tsx?$/, '')).sort());
    expect(new Set(FEATURES.map((f) => f.id)).size).toBe(FEATURES.length);
  });

  it('carries each feature in the bundle of exactly the pages it runs on (a page loads only its own bundle)', () => {
    for (const [page, bundle] of Object.entries(BUNDLES)) for (const f of bundle.features) expect(f.pages).toContain(page);
    for (const f of FEATURES) for (const page of f.pages) expect(BUNDLES[page].features).toContain(f);
  });

  it.each(FEATURES.map((f) => [f.id, f] as const))('%s is documented and has a saved page for each page kind it runs on', (id, feature) => {
    expect(feature.description.length).toBeGreaterThan(20);
    expect(feature.pages.length).toBeGreaterThan(0);
    for (const page of feature.pages) expect(SNAPSHOTS).toContain(page);
    const source = readFileSync(join(DIR, files.find((f) => f.startsWith(`${id}.`))!), 'utf8');
    // A doc comment says why the feature exists; selectors stay in the adapters.
    expect(source).toMatch(/\/\*\*[\s\S]+?\*\/\s*export default defineFeature/);
    expect(source).not.toMatch(/querySelector(All)?\(\s*['"`]/);
  });
});
