import { storage } from '#imports';
import type { AdapterOverrides } from '../adapters/overrides-schema.ts';
import type { OutboxEntry } from '../background/outbox.ts';

/**
 * Every stored value, declared once. `local:` survives restarts; `session:`
 * lives as long as the browser session and outlives the service worker.
 */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

export const serverUrlItem = storage.defineItem<string>('local:serverUrl', { fallback: DEFAULT_SERVER_URL, version: 1 });
/** Origins (e.g. `https://elearn.example.org`) an admin granted and runs the overlay on. */
export const hostOriginsItem = storage.defineItem<string[]>('local:hostOrigins', { fallback: [], version: 1 });
export const INACTIVITY_WINDOWS = [30, 60, 90] as const;
export type InactivityWindow = (typeof INACTIVITY_WINDOWS)[number];
export const inactivityDaysItem = storage.defineItem<InactivityWindow>('local:inactivityDays', { fallback: 30, version: 1 });
export const adapterOverridesItem = storage.defineItem<AdapterOverrides | null>('local:adapterOverrides', { fallback: null, version: 1 });
/** Alert ids a browser notification was raised for, so each is raised once. */
export const notifiedAlertsItem = storage.defineItem<string[]>('local:notifiedAlerts', { fallback: [], version: 1 });
/** Last values of the small shared resources, so a popup paints at once after the worker restarts. */
export const cacheSnapshotItem = storage.defineItem<Record<string, { data: unknown; fetchedAt: number }>>('local:cacheSnapshot', { fallback: {}, version: 1 });
/** Resume point of the live-updates stream across worker restarts. */
export const lastEventIdItem = storage.defineItem<string | null>('session:lastEventId', { fallback: null });
/** Host changes (a platform Save or bulk action) that could not reach Seatwise yet: kept across browser restarts until they land. */
export const outboxItem = storage.defineItem<OutboxEntry[]>('local:outbox', { fallback: [], version: 1 });
