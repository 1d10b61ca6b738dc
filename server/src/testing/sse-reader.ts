import { createSseParser, type SseEvent } from '@seatwise/shared';

export type { SseEvent };

/**
 * Reads a text/event-stream response body in tests the way the extension
 * does (fetch streaming, not EventSource), through the same shared parser:
 * `next(match)` waits for the next matching event, skipping the others.
 */
export class SseReader {
  private readonly parser = createSseParser();
  private readonly events: SseEvent[] = [];
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** The next event matching `match`, skipping others; fails if the stream ends first. */
  async next(match: (e: SseEvent) => boolean = () => true): Promise<SseEvent> {
    for (;;) {
      const i = this.events.findIndex(match);
      if (i >= 0) return this.events.splice(0, i + 1)[i]!;
      this.events.length = 0;
      const { value, done } = await this.reader.read();
      if (done) throw new Error('event stream ended');
      this.events.push(...this.parser.feed(this.decoder.decode(value, { stream: true })));
    }
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}
