import { createMiddleware } from 'hono/factory';
import { ApiError } from '../errors.ts';

/**
 * A size limit that keeps the body a stream: hono's bodyLimit buffers a
 * body sent without Content-Length whole, and an import must not hold a
 * 50 MiB file. A declared size over the limit is refused at once; otherwise
 * the bytes are counted as the importer reads them, and the read fails with
 * 413 when they pass the limit.
 */
export const streamingBodyLimit = (maxSize: number, what: string) =>
  createMiddleware(async (c, next) => {
    const tooLarge = () => new ApiError('payload_too_large', `${what} is over ${maxSize / 1024 / 1024} MiB; split it`);
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > maxSize) throw tooLarge();
    const body = c.req.raw.body;
    if (body) {
      let size = 0;
      const counted = body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            size += chunk.byteLength;
            if (size > maxSize) controller.error(tooLarge());
            else controller.enqueue(chunk);
          },
        }),
      );
      c.req.raw = new Request(c.req.raw, { body: counted, duplex: 'half' } as RequestInit);
    }
    await next();
  });
