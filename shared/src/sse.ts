/** One dispatched server-sent event (the server's tests and the extension's live updates read streams through this one parser). */
export interface SseEvent {
  event: string;
  data: string;
  /** The last event id seen so far (per the spec it persists across events). */
  id: string | null;
}

/**
 * An incremental parser for `text/event-stream` (WHATWG HTML §9.2): feed it
 * text as it arrives in arbitrary chunks, get whole events back.
 */
export function createSseParser(initialLastEventId: string | null = null) {
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let lastEventId = initialLastEventId;
  let retryMs: number | null = null;

  function line(text: string, out: SseEvent[]) {
    if (text === '') {
      if (data.length) out.push({ event: event || 'message', data: data.join('\n'), id: lastEventId });
      data = [];
      event = '';
      return;
    }
    if (text.startsWith(':')) return; // a comment, e.g. a heartbeat
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retryMs = Number(value);
  }

  return {
    feed(chunk: string): SseEvent[] {
      buffer += chunk;
      // A trailing "\r" may be the first half of "\r\n": hold it until the next chunk.
      const hold = buffer.endsWith('\r') ? '\r' : '';
      const lines = (hold ? buffer.slice(0, -1) : buffer).split(/\r\n|\r|\n/);
      buffer = (lines.pop() ?? '') + hold;
      const out: SseEvent[] = [];
      for (const l of lines) line(l, out);
      return out;
    },
    get lastEventId() {
      return lastEventId;
    },
    get retryMs() {
      return retryMs;
    },
  };
}
