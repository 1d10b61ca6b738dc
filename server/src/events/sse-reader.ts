/** One parsed server-sent event. */
export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/**
 * Reads a text/event-stream body the way the extension does (fetch
 * streaming, not EventSource): events in order, comments (heartbeats)
 * counted apart. Used by tests; small enough to keep beside the route.
 */
export class SseReader {
  private buffer = '';
  private readonly events: SseEvent[] = [];
  comments = 0;
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
      this.buffer += this.decoder.decode(value, { stream: true });
      this.parse();
    }
  }

  private parse(): void {
    const blocks = this.buffer.replace(/\r\n?/g, '\n').split('\n\n');
    this.buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const event: SseEvent = { event: 'message', data: '' };
      const data: string[] = [];
      let fields = 0;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          this.comments++;
          continue;
        }
        const colon = line.indexOf(':');
        const name = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        fields++;
        if (name === 'data') data.push(value);
        else if (name === 'event') event.event = value;
        else if (name === 'id') event.id = value;
      }
      if (fields === 0) continue;
      event.data = data.join('\n');
      this.events.push(event);
    }
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}
