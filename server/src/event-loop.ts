/**
 * Gives the event loop a turn: pending requests (a /health check, a lookup)
 * are served before the next chunk of long work. Needed because embedded
 * libSQL queries are synchronous calls behind promises, so a loop of
 * `await query()` alone never lets I/O in.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
