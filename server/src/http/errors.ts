import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError } from '../errors.ts';

/** The one place any thrown error becomes the contract's error body. */
export function toErrorResponse(error: unknown, c: Context): Response {
  if (error instanceof ApiError) {
    if (typeof error.details.retryAfter === 'number') c.header('Retry-After', String(error.details.retryAfter));
    return c.json({ error: { code: error.code, message: error.message, ...error.details } }, error.status as 400);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 413) return c.json({ error: { code: 'payload_too_large', message: 'the request body is over the limit' } }, 413);
    if (status === 401) return c.json({ error: { code: 'unauthenticated', message: error.message || 'missing or unknown token' } }, 401);
    if (status < 500) {
      return c.json({ error: { code: 'invalid_request', message: error.message || 'the request is malformed', issues: [] } }, 400);
    }
  }
  console.error('[seatwise] unexpected error on', c.req.method, c.req.path, error);
  return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
}
