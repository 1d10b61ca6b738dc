import { z } from 'zod';

/** Error codes the clients act on (the OpenAPI document, `/api/v1/openapi.json`, is the contract). */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  license_limit_reached: 409,
  product_not_activated: 409,
  conflict: 409,
  payload_too_large: 413,
  too_many_requests: 429,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; [detail: string]: unknown };
}

/** The shape of every error answer, for clients (and tests) that read one from untyped JSON. */
export const apiErrorBodySchema = z.object({
  error: z.looseObject({ code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]), message: z.string() }),
});
