/**
 * The Firefox driver's locator engine: runs in the page, so it is one
 * self-contained function (serialized by its source; no imports, no outer
 * names). It reads the few things playwright's locators read, the way they
 * read them — CSS, ARIA role and accessible name, label, test id, text — and
 * descends into open shadow roots, where the overlay renders.
 *
 * Roles and names cover what our markup uses (explicit `role`, the implicit
 * roles of common elements, `aria-label`, `aria-labelledby`, `<label>`,
 * content); anything else does not match, so a gap fails a test rather than
 * passing one.
 */

export type Step =
  | { kind: 'css'; css: string }
  | { kind: 'role'; role: string; name?: string; exact?: boolean }
  | { kind: 'label'; text: string; exact?: boolean }
  | { kind: 'testId'; id: string }
  | { kind: 'text'; text: string; exact?: boolean }
  | { kind: 'hasText'; text: string }
  | { kind: 'first' };

/**
 * `a b` → `['a', 'b']`: a descendant combinator becomes two steps, so that `b`
 * is found inside `a`'s shadow root too (as playwright's CSS does). Child and
 * sibling combinators stay within one step (one tree), and so does a list
 * (`a, b c`).
 */
export function splitDescendants(css: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  let quote = '';
  for (let i = 0; i < css.length; i++) {
    const c = css[i]!;
    if (quote) quote = c === quote ? '' : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (depth === 0 && c === ',') return [css.trim()];
    else if (depth === 0 && /\s/.test(c)) {
      const next = css.slice(i).trimStart()[0];
      const prev = current.trimEnd().slice(-1);
      if (current.trim() && next && !'>+~,'.includes(next) && !'>+~'.includes(prev)) {
        parts.push(current.trim());
        current = '';
        continue;
      }
    }
    current += c;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

export function describeSteps(steps: Step[]): string {
  return steps.map((s) => (s.kind === 'first' ? 'first()' : `${s.kind}(${JSON.stringify(Object.values(s).slice(1))})`)).join(' » ');
}

/** Every element the steps select, in document order (shadow content right after its host). */
export function deepQuery(steps: Step[]): Element[] {
  const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const same = (actual: string, wanted: string, exact?: boolean) => (exact ? norm(actual) === norm(wanted) : norm(actual).toLowerCase().includes(norm(wanted).toLowerCase()));

  const descendants = (root: Node): Element[] => {
    const out: Element[] = [];
    const walk = (node: Node) => {
      for (const child of Array.from((node as ParentNode).children ?? [])) {
        out.push(child);
        if (child.shadowRoot) walk(child.shadowRoot);
        walk(child);
      }
    };
    if ((root as Element).shadowRoot) walk((root as Element).shadowRoot!);
    walk(root);
    return out;
  };

  const implicitRole = (el: Element): string => {
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    if (tag === 'button' || (tag === 'input' && ['button', 'submit', 'reset'].includes(type))) return 'button';
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'input' && type === 'checkbox') return 'checkbox';
    if (tag === 'input' && ['text', 'email', 'url', 'search', 'tel'].includes(type)) return 'textbox';
    if (tag === 'textarea') return 'textbox';
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'ul' || tag === 'ol') return 'list';
    if (tag === 'li') return 'listitem';
    if (tag === 'section' && (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby'))) return 'region';
    if (tag === 'output') return 'status';
    return '';
  };
  const role = (el: Element) => (el.getAttribute('role') ?? '').trim().split(/\s+/)[0] || implicitRole(el);

  const fromContent = ['button', 'link', 'heading', 'switch', 'tab', 'checkbox', 'listitem'];
  const labelsOf = (el: Element) => Array.from((el as HTMLInputElement).labels ?? []).map((l) => l.textContent ?? '').join(' ');
  const accessibleName = (el: Element): string => {
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const root = el.getRootNode() as Document | ShadowRoot;
      return norm(by.split(/\s+/).map((id) => root.getElementById(id)?.textContent ?? '').join(' '));
    }
    const label = el.getAttribute('aria-label');
    if (label && norm(label)) return norm(label);
    const labels = labelsOf(el);
    if (norm(labels)) return norm(labels);
    if (fromContent.includes(role(el))) return norm(el.textContent);
    return norm(el.getAttribute('title'));
  };

  // As in ARIA: hidden elements have no role to find.
  const hidden = (el: Element) => !!el.closest('[aria-hidden="true"]') || !el.checkVisibility();

  let current: Node[] = [document];
  for (const step of steps) {
    if (step.kind === 'first') {
      current = current.slice(0, 1);
      continue;
    }
    if (step.kind === 'hasText') {
      current = current.filter((n) => same(n.textContent ?? '', step.text));
      continue;
    }
    const found = new Set<Element>();
    for (const scope of current) {
      for (const el of descendants(scope)) {
        const ok =
          step.kind === 'css'
            ? el.matches(step.css)
            : step.kind === 'testId'
              ? el.getAttribute('data-testid') === step.id
              : step.kind === 'role'
                ? role(el) === step.role && !hidden(el) && (step.name === undefined || same(accessibleName(el), step.name, step.exact))
                : step.kind === 'label'
                  ? ['input', 'select', 'textarea'].includes(el.tagName.toLowerCase()) && same(el.getAttribute('aria-label') || labelsOf(el), step.text, step.exact)
                  : // text: the innermost elements whose text matches
                    !['SCRIPT', 'STYLE'].includes(el.tagName) &&
                    same(el.textContent ?? '', step.text, step.exact) &&
                    !Array.from(el.children).some((c) => same(c.textContent ?? '', step.text, step.exact));
        if (ok) found.add(el);
      }
    }
    current = [...found];
  }
  return current as Element[];
}
