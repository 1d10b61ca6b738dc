import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse.ts';

describe('createSseParser', () => {
  it('parses events split across arbitrary chunks, with ids, comments and multi-line data', () => {
    const text = 'event: ready\ndata: {"seq":4}\n\n: heartbeat\n\nid: 5\nevent: change\ndata: {"seq":5,\ndata: "action":"role.grant"}\n\n';
    for (const size of [1, 2, 3, 7, text.length]) {
      const parser = createSseParser();
      const events = [];
      for (let i = 0; i < text.length; i += size) events.push(...parser.feed(text.slice(i, i + size)));
      expect(events).toEqual([
        { event: 'ready', data: '{"seq":4}', id: null },
        { event: 'change', data: '{"seq":5,\n"action":"role.grant"}', id: '5' },
      ]);
      expect(parser.lastEventId).toBe('5');
    }
  });

  it('accepts CRLF and CR line ends, even when a CRLF is split between chunks', () => {
    const parser = createSseParser();
    const got = [...parser.feed('data: a\r'), ...parser.feed('\n\r\n'), ...parser.feed('data: b\r\r\n')];
    expect(got.map((e) => e.data)).toEqual(['a', 'b']);
  });

  it('defaults the event name to message, keeps the id across events and reads retry', () => {
    const parser = createSseParser('9');
    expect(parser.feed('data: x\n\nretry: 2500\nid: 10\nevent: alert\ndata:y\n\n')).toEqual([
      { event: 'message', data: 'x', id: '9' },
      { event: 'alert', data: 'y', id: '10' },
    ]);
    expect(parser.retryMs).toBe(2500);
  });

  it('dispatches nothing for an event without data', () => {
    expect(createSseParser().feed('event: ping\n\n')).toEqual([]);
  });
});
