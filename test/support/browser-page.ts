/**
 * What the browser tests that run in every browser may do with a page: a
 * subset of playwright-core's `Page` and `Locator`, with the same names and
 * meanings. A Chromium page *is* a playwright page (nothing wraps it); the
 * Firefox driver implements the same subset over WebDriver BiDi
 * (firefox-page.ts). Page objects written against these types run in both.
 *
 * Locators find elements inside open shadow roots, as playwright's do.
 */

export type Role = 'alert' | 'button' | 'checkbox' | 'group' | 'heading' | 'link' | 'list' | 'listitem' | 'region' | 'status' | 'switch' | 'tab' | 'textbox';

export interface NameOptions {
  /** Case-insensitive substring unless `exact` (whitespace trimmed and collapsed either way). */
  name?: string;
  exact?: boolean;
}

export interface Finds {
  locator(css: string): El;
  getByRole(role: Role, options?: NameOptions): El;
  getByText(text: string, options?: { exact?: boolean }): El;
}

/** A lazy description of elements: nothing is looked up until an action or a read. */
export interface El extends Finds {
  filter(options: { hasText: string }): El;
  first(): El;
  /** Actions wait for exactly one visible match. */
  click(): Promise<void>;
  check(): Promise<void>;
  fill(value: string): Promise<void>;
  selectOption(values: string | string[]): Promise<unknown>;
  /** Focuses the element, then presses `key` (a key name such as `Space`). */
  press(key: string): Promise<void>;
  /** Reads wait for exactly one match. */
  textContent(): Promise<string | null>;
  getAttribute(name: string): Promise<string | null>;
  isChecked(): Promise<boolean>;
  /** Immediate (no waiting), false when nothing matches. */
  isVisible(): Promise<boolean>;
  count(): Promise<number>;
  /** Waits for a visible match. */
  waitFor(): Promise<void>;
  /** Runs `fn` in the page over every current match (no waiting). */
  evaluateAll<R>(fn: (elements: (HTMLElement | SVGElement)[]) => R): Promise<R>;
}

export interface BrowserPage extends Finds {
  getByLabel(text: string, options?: { exact?: boolean }): El;
  getByTestId(id: string): El;
  goBack(): Promise<unknown>;
  evaluate<R>(fn: () => R): Promise<R>;
  waitForFunction(fn: () => unknown): Promise<unknown>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  close(): Promise<void>;
}

export type BrowserName = 'chromium' | 'firefox';

/** A browser with the built extension loaded. */
export interface ExtensionDriver {
  readonly name: BrowserName;
  /** One of the extension's pages (`popup.html`, `options.html`) in a new tab. */
  open(path: string, options?: PageSize): Promise<BrowserPage>;
  /** A web page in a new tab. */
  openUrl(url: string, options?: PageSize & TabHooks): Promise<BrowserPage>;
  close(): Promise<void>;
}

export interface TabHooks {
  /** Dialogs the tab raises are dismissed and their messages pushed here. */
  dialogs?: string[];
  /** Each console message of the tab. */
  onConsole?: (text: string) => void;
}

export interface PageSize {
  width?: number;
  height?: number;
}
