import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { editUserSelectors } from '../../extension/src/adapters/edit-user.ts';
import { licenseClaimsSelectors } from '../../extension/src/adapters/license-claims.ts';
import { licensesSelectors } from '../../extension/src/adapters/licenses.ts';
import type { SelectorSet } from '../../extension/src/adapters/selectors.ts';
import { PAGE_KINDS, type PageKind } from '../../extension/src/adapters/shell.ts';
import { usersListSelectors } from '../../extension/src/adapters/users-list.ts';
import { ensureExtensionBuilt } from '../support/extension-browser.ts';
import { PART_NAMES, PARTS } from '../../extension/src/overlay/part-names.ts';
import { SHARED_RUNTIME_KEY } from '../../extension/src/overlay/shared-names.ts';
import { LOADER_FILE, pageBundleFile, partFile } from '../support/overlay-code.ts';

const SELECTORS: Record<PageKind, SelectorSet> = { 'users-list': usersListSelectors, 'edit-user': editUserSelectors, licenses: licensesSelectors, 'license-claims': licenseClaimsSelectors };

/** A page kind's default selectors that no other page kind's adapter has: in a built script, they say whose adapter it carries. */
const ownSelectors = (page: PageKind) =>
  Object.values(SELECTORS[page]).filter((s) => PAGE_KINDS.every((other) => other === page || !Object.values(SELECTORS[other]).includes(s)));

/**
 * The overlay's scripts as built, in each browser's build: a page loads the
 * loader and its own bundle only, so each bundle must carry its own page's
 * site adapter and none of the others', and the loader none at all.
 */
describe.each(['chrome-mv3', 'firefox-mv3'] as const)('the overlay scripts of the %s build', (target) => {
  let dir = '';
  const script = (file: string) => readFileSync(join(dir, file), 'utf8');
  beforeAll(async () => {
    dir = await ensureExtensionBuilt(target);
  });

  it.each(PAGE_KINDS)('the %s bundle carries its own adapter and no other page’s', (page) => {
    const code = script(pageBundleFile(page));
    for (const selector of ownSelectors(page)) expect(code, selector).toContain(selector);
    for (const other of PAGE_KINDS.filter((o) => o !== page)) for (const selector of ownSelectors(other)) expect(code, `${other}: ${selector}`).not.toContain(selector);
  });

  it.each(PART_NAMES)('the lazy part %s carries no other page’s adapter, and borrows its page bundle’s Preact instead of a copy', (part) => {
    const code = script(partFile(part));
    for (const other of PAGE_KINDS.filter((o) => o !== PARTS[part])) for (const selector of ownSelectors(other)) expect(code, `${other}: ${selector}`).not.toContain(selector);
    expect(code).toContain(SHARED_RUNTIME_KEY);
    // Preact's renderer keeps a vnode's children in `__k`: a part drawing with a copy of its own would carry it.
    expect(code).not.toContain('__k');
    expect(script(pageBundleFile(PARTS[part]))).toContain('__k');
  });

  it('the loader carries no page’s adapter', () => {
    const code = script(LOADER_FILE);
    for (const page of PAGE_KINDS) for (const selector of ownSelectors(page)) expect(code, `${page}: ${selector}`).not.toContain(selector);
  });
});
