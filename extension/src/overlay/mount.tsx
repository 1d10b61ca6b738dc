import { render, type ComponentChild } from 'preact';
import type { MountPoint } from '../adapters/index.ts';
import { OVERLAY_TAG_PREFIX } from './tags.ts';

/** The custom element name our overlays live in: visible in the host's DOM, styled only from inside. */
export const UI_TAG = `${OVERLAY_TAG_PREFIX}ui`;

let overlayCss = '';
let sheet: CSSStyleSheet | null | undefined;

/** The page bundle's stylesheet (its `styles`: the sheets of its own UI only), set before anything is drawn. */
export function setOverlayStyles(css: string) {
  overlayCss = css;
  sheet = undefined;
}

/** The sheets a lazy part brings for its own UI (parts.ts), added for every overlay on the page, those already drawn too. */
export function addOverlayStyles(css: string) {
  overlayCss += css;
  sheet?.replaceSync(overlayCss);
}

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

export function insertAt({ element, where }: MountPoint, node: Element) {
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
 * An isolated host for overlay UI: a `<seatwise-ui>` element whose shadow
 * root the host page's CSS cannot reach (and ours cannot leak from), styled
 * by the shared sheet, and the element inside it to draw in. Not yet in the
 * page: `insertAt` places it.
 */
export function createUiHost({ feature, inline = false, end = false }: { feature: string; inline?: boolean; /** Float to the line's end, so a column of these lines up whatever the host's label widths. */ end?: boolean }): { host: HTMLElement; root: HTMLDivElement } {
  const host = document.createElement(UI_TAG);
  host.setAttribute('data-feature', feature);
  // Inline overlays sit in table cells and labels; blocks take their own line.
  host.style.display = inline ? 'inline-block' : 'block';
  if (end) host.style.cssFloat = 'right';
  const shadow = host.attachShadow({ mode: SHADOW_MODE });
  style(shadow);
  const root = document.createElement('div');
  root.className = inline ? 'sw-root sw-inline' : 'sw-root';
  shadow.append(root);
  return { host, root };
}

/** Renders `ui` (Preact) into a new isolated host at `point`. Unmounted when `signal` aborts. */
export function mountUi(point: MountPoint, ui: ComponentChild, { signal, feature, inline = false, end = false }: { signal: AbortSignal; feature: string; inline?: boolean; end?: boolean }): Mounted {
  const { host, root } = createUiHost({ feature, inline, end });
  render(ui, root);
  insertAt(point, host);
  const unmount = () => {
    render(null, root);
    host.remove();
  };
  signal.addEventListener('abort', unmount, { once: true });
  return { host, unmount };
}
