/**
 * Everything that can go wrong between a page and the server, in the words a
 * page shows. `kind` drives the UI; `message` is plain language.
 */
export type Failure =
  | { kind: 'not_signed_in'; message: string }
  | { kind: 'unreachable'; message: string; serverUrl: string }
  | { kind: 'revoked'; message: string }
  | { kind: 'api'; status: number; code: string; message: string; details?: Record<string, unknown> }
  | { kind: 'internal'; message: string };

export class FailureError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

export function toFailure(error: unknown): Failure {
  if (error instanceof FailureError) return error.failure;
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export const notSignedIn = (): Failure => ({ kind: 'not_signed_in', message: 'Not signed in. Open Seatwise options to sign in with your API token.' });

export function unreachable(serverUrl: string, cause?: unknown): Failure {
  const why = cause instanceof Error && cause.message && !/fetch/i.test(cause.message) ? ` (${cause.message})` : '';
  return { kind: 'unreachable', serverUrl, message: `Cannot reach the server at ${serverUrl}${why}.` };
}

/** Turns an error response (`{error:{code,message,...}}`) into a Failure. */
export async function failureFromResponse(res: Response): Promise<Failure> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON: described by status below */
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : `http_${res.status}`;
  const message = typeof error?.message === 'string' ? error.message : `The server answered ${res.status} ${res.statusText}`.trim();
  if (res.status === 401) return { kind: 'revoked', message: `The server did not accept the API token: ${message}` };
  const { code: _c, message: _m, ...details } = (error ?? {}) as Record<string, unknown>;
  return { kind: 'api', status: res.status, code, message, details };
}

/** A successful answer's JSON body; anything else (an HTML page from a proxy, a login portal) is a clear failure, not a SyntaxError. */
export async function readJson<T>(res: Response, serverUrl: string): Promise<T> {
  const text = await res.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    const type = res.headers.get('content-type')?.split(';')[0] || 'no content type';
    throw new FailureError({ kind: 'api', status: res.status, code: 'not_json', message: `The server at ${serverUrl} answered with ${type}, not Seatwise data. Check the server URL in the options.` });
  }
}

/**
 * Whether a write's outcome is unknown: the request may have reached the
 * server and changed it, but no answer came back (the network, the
 * background, or a server error). The page must say so and re-read.
 */
export const outcomeUnknown = (failure: Failure) => failure.kind === 'unreachable' || failure.kind === 'internal' || (failure.kind === 'api' && failure.status >= 500);
