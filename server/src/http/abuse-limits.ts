import type { Context } from 'hono';
import { ApiError } from '../errors.ts';

/** Bad-token guesses an address may make at once, and how fast that allowance comes back (20 a minute). */
export const BAD_TOKEN_BURST = 20;
export const BAD_TOKEN_REFILL_MS = 3000;
/** Live-update streams one token may hold open at once (a browser needs one). */
export const STREAMS_PER_TOKEN = 5;

export interface AbuseLimitOptions {
  /**
   * Behind a reverse proxy every connection comes from the proxy: with
   * `trustProxy` the client is the last `X-Forwarded-For` entry (the one the
   * proxy appended). Without it that header is ignored, since anyone can send it.
   */
  trustProxy?: boolean;
  now?: () => number;
}

/**
 * Limits against a client wearing the server down: bad-token guesses per
 * client address, and open live streams per token. State is per process
 * (several processes behind a load balancer each keep their own counts, so
 * a guesser gets at most that many times the allowance); what must hold
 * across processes lives in the database, and this is not that.
 */
export class AbuseLimits {
  private readonly guesses = new Map<string, { left: number; at: number }>();
  private readonly streams = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly options: AbuseLimitOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** The client's address from the socket (or the trusted proxy's header); null in-process, where there is no client to throttle. */
  clientAddress(c: Context): string | null {
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
    const socketAddress = incoming?.socket?.remoteAddress ?? null;
    if (this.options.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean);
      if (forwarded?.length) return forwarded[forwarded.length - 1]!;
    }
    return socketAddress;
  }

  /** 429 while this address has no guesses left: good tokens too, so a guesser cannot tell a hit by its answer. */
  checkGuesses(address: string | null): void {
    if (address === null) return;
    const bucket = this.refill(address);
    if (bucket && bucket.left < 1) {
      const retryAfter = Math.ceil((BAD_TOKEN_REFILL_MS - (this.now() - bucket.at)) / 1000);
      throw new ApiError('too_many_requests', `too many unknown API tokens from this address; try again in ${retryAfter} s`, { retryAfter });
    }
  }

  recordBadToken(address: string | null): void {
    if (address === null) return;
    const bucket = this.refill(address) ?? { left: BAD_TOKEN_BURST, at: this.now() };
    bucket.left -= 1;
    this.guesses.set(address, bucket);
  }

  /** Counts a stream open for this token and returns its release, or answers 429 at the cap. */
  openStream(tokenId: string): () => void {
    const open = this.streams.get(tokenId) ?? 0;
    if (open >= STREAMS_PER_TOKEN) {
      throw new ApiError('too_many_requests', `this API token already has ${open} live-update streams open (at most ${STREAMS_PER_TOKEN}); close one first`, { retryAfter: 15 });
    }
    this.streams.set(tokenId, open + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.streams.get(tokenId) ?? 1) - 1;
      if (left > 0) this.streams.set(tokenId, left);
      else this.streams.delete(tokenId);
    };
  }

  /** The bucket with what came back since it was last touched; a full bucket is forgotten, so idle addresses cost no memory. */
  private refill(address: string) {
    const bucket = this.guesses.get(address);
    if (!bucket) return undefined;
    const now = this.now();
    const back = Math.floor((now - bucket.at) / BAD_TOKEN_REFILL_MS);
    if (back > 0) {
      bucket.left = Math.min(BAD_TOKEN_BURST, bucket.left + back);
      bucket.at += back * BAD_TOKEN_REFILL_MS;
    }
    if (bucket.left >= BAD_TOKEN_BURST) {
      this.guesses.delete(address);
      return undefined;
    }
    return bucket;
  }
}
