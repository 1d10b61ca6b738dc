import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface FieldIssue {
  path: string;
  message: string;
}

/** The host's own errors, shaped like Seatwise's so the two never confuse a reader of the network log. */
export class HostError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: 'invalid_request' | 'not_found' | 'conflict',
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

export const invalid = (issues: FieldIssue[]) =>
  new HostError(400, 'invalid_request', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);

export function hostErrorResponse(err: unknown, c: Context) {
  if (err instanceof HostError) {
    const body: Record<string, unknown> = { code: err.code, message: err.message };
    if (err.issues.length) body.issues = err.issues;
    return c.json({ error: body }, err.status);
  }
  console.error('demo host:', err);
  return c.json({ error: { code: 'internal', message: 'Unexpected error' } }, 500);
}
