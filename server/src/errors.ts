import { ERROR_STATUS, type ErrorCode } from '@seatwise/shared';

/**
 * The one error type services and handlers throw; `app.onError` turns it into
 * the contract's `{error: {code, message, ...details}}` body.
 */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what: string) => new ApiError('not_found', `${what} not found`);
export const forbidden = (message: string) => new ApiError('forbidden', message);
