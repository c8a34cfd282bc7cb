/** The one event-stream reader (src/protocol/event-stream.ts, on eventsource-parser) and the agent turn it feeds. */
import { describe, expect, it } from 'vitest';
import {
  encodeComment,
  encodeEvent,
  EventStreamReader,
  parseEventStream,
  readAgentTurn,
  readEventStream,
} from '../../src/protocol/index.ts';

const agent = (parts: unknown[]) => ({ author: 'nemo_agent', content: { role: 'model', parts } });
const event = (parts: unknown[]) => encodeEvent(agent(parts));
const data = (text: string) => parseEventStream(text).map((e) => e.data);

describe('the event-stream reader and readAgentTurn', () => {
  it('reads edits, their results and the reply, skipping heartbeats', () => {
    const stream =
      event([{ functionCall: { name: 'set_canvas', args: { w: 720, h: 1280 } } }]) +
      encodeComment('heartbeat') +
      event([{ functionResponse: { name: 'set_canvas', response: { ok: true } } }]) +
      event([{ text: 'Made it vertical.\nTimeline (1 tracks): 1. Video: 3 photos (0-3s)' }]);
    const turn = readAgentTurn(data(stream));
    expect(turn.edits).toEqual([{ name: 'set_canvas', args: { w: 720, h: 1280 } }]);
    expect(turn.responses).toEqual([{ name: 'set_canvas', response: { ok: true } }]);
    expect(turn.reply).toMatch(/Timeline \(1 tracks\)/);
    expect(turn.error).toBeUndefined();
  });

  it('joins multi-line data, accepts CRLF and keeps non-JSON data as text', () => {
    expect(parseEventStream('event: x\r\ndata: a\r\ndata: b\r\n\r\n')).toEqual([
      { event: 'x', data: 'a\nb' },
    ]);
  });

  it('reports an error event as a code and a message (an envelope or a text event with error)', () => {
    expect(readAgentTurn(data(encodeEvent({ code: 2001, message: 'Out of credits.' }))).error).toEqual({
      code: 2001,
      message: 'Out of credits.',
    });
    const failed = {
      ...agent([{ text: 'The render queue is down.' }]),
      error: { code: 5005, message: 'down' },
    };
    expect(readAgentTurn(data(encodeEvent(failed))).error).toEqual({ code: 5005, message: 'down' });
  });

  it('reads events split anywhere across chunks, counting comments', () => {
    const a = agent([{ functionCall: { name: 'set_fit', args: {} } }]);
    const b = agent([{ text: 'Done. 好了' }]);
    const stream = `: heartbeat\n\n${encodeEvent(a)}data: ${JSON.stringify(b)}\r\n\r\n`;
    for (let cut = 0; cut <= stream.length; cut++) {
      const r = new EventStreamReader();
      const events = [...r.feed(stream.slice(0, cut)), ...r.feed(stream.slice(cut)), ...r.end()];
      expect(events.map((e) => e.data)).toEqual([a, b]);
      expect(r.comments).toEqual(['heartbeat']);
    }
  });

  it('reads the last event even without its closing blank line', () => {
    const r = new EventStreamReader();
    expect([...r.feed('data: {"a":1}'), ...r.end()]).toEqual([{ data: { a: 1 } }]);
  });

  it('reads a byte stream cut inside a multi-byte character', async () => {
    const bytes = new TextEncoder().encode(event([{ text: '照片 ✓' }]) + encodeComment('heartbeat'));
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 3) c.enqueue(bytes.slice(i, i + 3));
        c.close();
      },
    });
    const got = [];
    for await (const e of readEventStream(body)) got.push(e.data);
    expect(readAgentTurn(got).reply).toBe('照片 ✓');
  });
});
