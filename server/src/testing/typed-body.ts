import { apiErrorBodySchema, type ApiErrorBody } from '@seatwise/shared';
import { z } from 'zod';

/**
 * The body of an untyped `call()` (raw CSV, malformed JSON, odd headers)
 * parsed with the route's SHARED response schema, so an answer that no longer
 * matches it fails the test instead of reading `undefined`.
 */
export function bodyAs<S extends z.ZodType>(res: { body: unknown }, schema: S): z.infer<S> {
  return schema.parse(res.body);
}

/** The error (code, message, details) of an untyped `call()`'s refusal, parsed with the shared error schema. */
export function errorBody(res: { body: unknown }): ApiErrorBody['error'] {
  return apiErrorBodySchema.parse(res.body).error as ApiErrorBody['error'];
}

const issuesSchema = z.array(z.looseObject({ path: z.array(z.union([z.string(), z.number()])) }));

/** The zod issues a 400 for a body that fails its schema lists (`error.issues`). */
export function issuesOf(error: ApiErrorBody['error']) {
  return issuesSchema.parse(error.issues);
}
