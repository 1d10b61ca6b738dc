import type { ApiErrorBody } from '@seatwise/shared';
import type { ClientResponse } from 'hono/client';
import { testClient } from 'hono/testing';
import { expect } from 'vitest';
import type { createApp } from '../app.ts';
import { errorBody } from './typed-body.ts';

/**
 * Hono's typed test client over the real app, signed in with `token`: routes,
 * parameters, bodies and answers are all `AppType`'s, so a route whose
 * answer changes breaks its tests at compile time.
 */
export function typedApi(app: ReturnType<typeof createApp>, token?: string, headers: Record<string, string> = {}) {
  return testClient(app, undefined, undefined, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } }).api.v1;
}
export type TypedApi = ReturnType<typeof typedApi>;

/** The JSON a typed call answers on success. */
export type Answer<R> = R extends ClientResponse<infer T, infer S, 'json'> ? (S extends 200 | 201 | 202 ? T : never) : never;

/** Awaits a typed call, expects `status` (200 by default), and returns its body as the route types it. */
export async function ok<R extends ClientResponse<unknown, number, string>>(call: Promise<R>, status = 200): Promise<Answer<R>> {
  const res = await call;
  const text = await res.text();
  expect(res.status, text.slice(0, 500)).toBe(status);
  return JSON.parse(text) as Answer<R>;
}

/** Awaits a typed call, expects the refusal `status`, and returns its error (code, message, details). */
export async function refused(call: Promise<ClientResponse<unknown, number, string>>, status: number): Promise<ApiErrorBody['error']> {
  const res = await call;
  const text = await res.text();
  expect(res.status, text.slice(0, 500)).toBe(status);
  return errorBody({ body: JSON.parse(text) });
}
