import type { Adapters, AdaptersByPage, PageKind } from '../adapters/index.ts';
import type { AdapterOverrides } from '../adapters/overrides-schema.ts';
import type { Backend } from '../messaging/client.ts';
import type { OverlayStatus } from './status.ts';

/** What every feature is given besides its signal: on page kind P, that page's adapters. */
export interface FeatureContext<P extends PageKind = PageKind> {
  backend: Backend;
  adapters: Adapters<P>;
  page: P;
  /** The inactivity window (days) from the options. */
  inactivityDays: number;
  /** Whether the signed-in token may change roles (admins); readers get hints, not switches. */
  canChange: boolean;
  /** Seatwise's connection and outbox, for every overlay to show. */
  status: OverlayStatus;
  /**
   * Whether a user in these organizations (as the host lists them) lies in the caller's scope. Rows
   * outside it say so and offer nothing: what Seatwise holds about them is not the caller's to see.
   */
  inScope(orgIds: readonly string[]): boolean;
  /** An organization's name, from the caller's scope (its id when not known). */
  orgName(orgId: string): string;
  /** A value shared by the features of the page on screen (e.g. the row lookups), made on first ask, gone with the page. */
  shared<T>(key: string, make: (signal: AbortSignal) => T): T;
}

/**
 * One overlay feature, in one file. `init` sets everything up for the page on
 * screen and ties every listener, observer and mounted UI to `signal`, which
 * the manager aborts on navigation: teardown needs no bookkeeping.
 */
export interface Feature<P extends PageKind = PageKind> {
  /** kebab-case, the same as the file name. */
  id: string;
  /** One line for people: what it adds to the host page. */
  description: string;
  pages: readonly P[];
  init(signal: AbortSignal, ctx: FeatureContext<P>): void | Promise<void>;
}

export const defineFeature = <P extends PageKind>(feature: Feature<P>): Feature<P> => feature;

/**
 * One page kind's overlay, built into its own script (entrypoints/overlay-<page>.ts)
 * that the loader has the background inject only where that page is on screen:
 * its site adapters (built with the admin's selector overrides) and its features.
 */
export interface PageBundle<P extends PageKind> {
  page: P;
  adapters(overrides: AdapterOverrides | null): AdaptersByPage[P];
  features: readonly Feature<P>[];
  /** The stylesheet of its UI (styles/*.css: the base and its own UI's sheets), in every overlay's shadow root. */
  styles: string;
}
