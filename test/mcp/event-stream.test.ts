import { describe, expect, it } from 'vitest';
import { parseSse, readAgentTurn } from '../../src/mcp/parse-sse.ts';

const event = (parts: unknown[]) =>
  `data: ${JSON.stringify({ author: 'nemo_agent', content: { role: 'model', parts } })}\n\n`;

describe('parseSse and readAgentTurn', () => {
  it('reads edits, their results and the reply, skipping heartbeats', () => {
    const stream =
      event([{ functionCall: { name: 'set_canvas', args: { w: 720, h: 1280 } } }]) +
      ': heartbeat\n\n' +
      event([{ functionResponse: { name: 'set_canvas', response: { ok: true } } }]) +
      event([{ text: 'Made it vertical.\nTimeline (1 tracks): 1. Video: 3 photos (0-3s)' }]);
    const turn = readAgentTurn(parseSse(stream));
    expect(turn.edits).toEqual([{ name: 'set_canvas', args: { w: 720, h: 1280 } }]);
    expect(turn.responses).toEqual([{ name: 'set_canvas', response: { ok: true } }]);
    expect(turn.reply).toMatch(/Timeline \(1 tracks\)/);
    expect(turn.error).toBeUndefined();
  });

  it('joins multi-line data, accepts CRLF and keeps non-JSON data as text', () => {
    expect(parseSse('event: x\r\ndata: a\r\ndata: b\r\n\r\n')).toEqual([{ event: 'x', data: 'a\nb' }]);
  });

  it('reports an error event as a code and a message', () => {
    const turn = readAgentTurn(
      parseSse(`data: ${JSON.stringify({ code: 2001, message: 'Out of credits.' })}\n\n`),
    );
    expect(turn.error).toEqual({ code: 2001, message: 'Out of credits.' });
  });
});
