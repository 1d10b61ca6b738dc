import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { ValidationTargets } from 'hono';
import { validator } from 'hono-openapi';
import { ApiError } from '../errors.ts';

/**
 * Validates one part of the request with a shared schema, documents it in the
 * OpenAPI spec, and turns a failure into `400 invalid_request` naming each field.
 */
export function validate<S extends StandardSchemaV1, T extends keyof ValidationTargets>(target: T, schema: S) {
  return validator(target, schema, (result) => {
    if (!result.success) {
      const issues = (result.error as readonly StandardSchemaV1.Issue[]).map((i) => ({
        path: (i.path ?? []).map((p) => (typeof p === 'object' ? p.key : p)),
        message: i.message,
      }));
      const first = issues[0];
      const where = first?.path.length ? `${target} ${first.path.join('.')}` : target;
      throw new ApiError('invalid_request', `${where}: ${first?.message ?? 'invalid'}`, { issues });
    }
  });
}
