import { OVERLAY_TAG_PREFIX } from './tags.ts';

/**
 * Calls `callback` once for every element matching `selector`, now and
 * whenever one appears later (late rendering, re-rendered rows, client-side
 * navigation), until `signal` aborts. Each element gets a marker attribute
 * (`data-seatwise-<name>`) when handled, so a second observer of the same
 * feature — or a re-run of this one — never handles it twice. The callback
 * gets every element found in one DOM update together, so a feature can
 * handle a whole set of rows at once (one batched lookup).
 */
export interface ObserveOptions {
  signal: AbortSignal;
  /** Names the marker; one per feature, so features observing the same rows do not hide them from each other. */
  name: string;
  root?: ParentNode & Node;
}

let anonymous = 0;

export function observe<E extends Element = Element>(selector: string, callback: (elements: E[]) => void, { signal, name, root = document }: ObserveOptions): void {
  if (signal.aborted) return;
  const marker = `data-seatwise-${name || `o${++anonymous}`}`;
  const handled = new Set<Element>();
  const unhandled = `${selector}:not([${marker}])`;

  const scan = () => {
    let found: E[];
    try {
      found = [...root.querySelectorAll<E>(unhandled)];
    } catch {
      return; // an admin's override that is not a valid selector here: nothing to do, never throw into the page
    }
    if (!found.length) return;
    for (const el of found) el.setAttribute(marker, ''), handled.add(el);
    // Forget elements the host has thrown away, so a long session holds no dead rows.
    if (handled.size > found.length * 4) for (const el of handled) if (!el.isConnected) handled.delete(el);
    callback(found);
  };

  // Mutations arrive in batches per task; one query per batch, not one per added node, and none for a batch that
  // only added our own elements (a row layer's slice puts in hundreds: each scan would walk a 5,000-row page again).
  const observer = new MutationObserver((records) => records.some(addsPageElements) && scan());
  observer.observe(root, { childList: true, subtree: true });
  scan();
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      // Elements that outlive this page's features must be handled again by the next run.
      for (const el of handled) el.removeAttribute(marker);
      handled.clear();
    },
    { once: true },
  );
}

/** Whether a mutation added an element of the page's own (ours are `seatwise-*`; text adds no element to match). */
function addsPageElements(record: MutationRecord): boolean {
  for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE && !(node as Element).localName.startsWith(OVERLAY_TAG_PREFIX)) return true;
  return false;
}

/** Resolves with the first element matching `selector` (now or later), or null if `signal` aborts first. */
export function waitFor<E extends Element = Element>(selector: string, { signal, root = document }: { signal: AbortSignal; root?: ParentNode & Node }): Promise<E | null> {
  return new Promise((resolve) => {
    const found = root.querySelector<E>(selector);
    if (found) return resolve(found);
    const observer = new MutationObserver(() => {
      const el = root.querySelector<E>(selector);
      if (el) observer.disconnect(), resolve(el);
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true });
    signal.addEventListener('abort', () => (observer.disconnect(), resolve(null)), { once: true });
  });
}

/**
 * Resolves with the first element matching `selector` that is there or gets
 * added (the host opened it), or null if `signal` aborts first. Watches added
 * nodes only, as `observe` does: the page's rows changing attributes cost it nothing.
 */
export function firstOf<E extends Element = Element>(selector: string, { signal, name }: ObserveOptions): Promise<E | null> {
  return new Promise((resolve) => {
    const found = new AbortController();
    signal.addEventListener('abort', () => (found.abort(), resolve(null)), { once: true, signal: found.signal });
    observe<E>(selector, ([el]) => (resolve(el!), found.abort()), { signal: found.signal, name });
    if (signal.aborted) resolve(null);
  });
}
