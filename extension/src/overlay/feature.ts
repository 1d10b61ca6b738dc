import type { Adapters, PageKind } from '../adapters/index.ts';
import type { Backend } from '../messaging/client.ts';
import type { OverlayStatus } from './status.ts';

/** What every feature is given besides its signal. */
export interface FeatureContext {
  backend: Backend;
  adapters: Adapters;
  page: PageKind;
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
export interface Feature {
  /** kebab-case, the same as the file name. */
  id: string;
  /** One line for people: what it adds to the host page. */
  description: string;
  pages: readonly PageKind[];
  init(signal: AbortSignal, ctx: FeatureContext): void | Promise<void>;
}

export const defineFeature = (feature: Feature): Feature => feature;
