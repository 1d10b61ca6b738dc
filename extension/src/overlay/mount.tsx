import { render, type ComponentChild } from 'preact';
import type { MountPoint } from '../adapters/index.ts';
import overlayCss from './overlay.css?inline';

/** The custom element name our overlays live in: visible in the host's DOM, styled only from inside. */
export const UI_TAG = 'seatwise-ui';

let sheet: CSSStyleSheet | null | undefined;
/** One parsed stylesheet shared by every shadow root (thousands of rows must not parse it thousands of times). */
function sharedSheet(): CSSStyleSheet | null {
  if (sheet !== undefined) return sheet;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(overlayCss);
  } catch {
    sheet = null; // no constructable stylesheets here: each root gets a <style>
  }
  return sheet;
}

function style(shadow: ShadowRoot) {
  const shared = sharedSheet();
  if (shared) {
    try {
      shadow.adoptedStyleSheets = [shared];
      return;
    } catch {
      sheet = null;
    }
  }
  const el = document.createElement('style');
  el.textContent = overlayCss;
  shadow.append(el);
}

function insert({ element, where }: MountPoint, node: Element) {
  if (where === 'before') element.before(node);
  else if (where === 'after') element.after(node);
  else if (where === 'prepend') element.prepend(node);
  else element.append(node);
}

export interface Mounted {
  host: HTMLElement;
  unmount(): void;
}

/**
 * Closed in the store packages: the host page's scripts cannot reach into
 * the overlay to read what it shows (licenses, activity, other holders'
 * emails) or to press its buttons. Open in the development build, so browser
 * tests' locators can get in (its writes still need the admin's own input:
 * see trusted.ts).
 */
const SHADOW_MODE: ShadowRootMode = import.meta.env.MODE === 'store' ? 'closed' : 'open';

/**
 * Renders `ui` into a shadow root at `point`, so the host page's CSS cannot
 * reach it and ours cannot leak. Unmounted when `signal` aborts.
 */
export function mountUi(point: MountPoint, ui: ComponentChild, { signal, feature, inline = false, end = false }: { signal: AbortSignal; feature: string; inline?: boolean; /** Float to the line's end, so a column of these lines up whatever the host's label widths. */ end?: boolean }): Mounted {
  const host = document.createElement(UI_TAG);
  host.setAttribute('data-feature', feature);
  // Inline overlays sit in table cells and labels; blocks take their own line.
  host.style.display = inline ? 'inline-block' : 'block';
  if (end) host.style.cssFloat = 'right';
  const shadow = host.attachShadow({ mode: SHADOW_MODE });
  style(shadow);
  const container = document.createElement('div');
  container.className = inline ? 'sw-root sw-inline' : 'sw-root';
  shadow.append(container);
  render(ui, container);
  insert(point, host);
  const unmount = () => {
    render(null, container);
    host.remove();
  };
  signal.addEventListener('abort', unmount, { once: true });
  return { host, unmount };
}

/**
 * The mounts of one feature: rows the host re-rendered away take their
 * overlay's component tree with them when `sweep()` runs.
 */
export function createMountSet() {
  const mounts = new Set<Mounted>();
  return {
    add(m: Mounted) {
      mounts.add(m);
      return m;
    },
    sweep() {
      for (const m of mounts) if (!m.host.isConnected) m.unmount(), mounts.delete(m);
    },
    get size() {
      return mounts.size;
    },
  };
}
