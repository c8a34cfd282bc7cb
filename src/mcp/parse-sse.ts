/** One `data:` event of a server-sent event stream, parsed as JSON (or kept as text when it is not JSON). */
export interface SseEvent {
  event?: string;
  data: unknown;
}

/**
 * Parses a complete server-sent event stream into its events. Comment lines (`: heartbeat`) are skipped;
 * the `data:` lines of one event are joined with newlines, as the SSE specification says.
 */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n\n+/)) {
    const data: string[] = [];
    let event: string | undefined;
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') data.push(value);
      else if (field === 'event') event = value;
    }
    if (data.length === 0) continue;
    const raw = data.join('\n');
    let parsed: unknown = raw;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // not JSON: keep the text
    }
    events.push(event === undefined ? { data: parsed } : { event, data: parsed });
  }
  return events;
}

/** What an instruction's event stream said: the text for the person, the edits and their results. */
export interface AgentTurn {
  reply: string;
  edits: { name: string; args: Record<string, unknown> }[];
  responses: { name: string; response: unknown }[];
  /** An error event the stream carried, as `{code, message}`, when there was one. */
  error?: { code: number; message: string };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads the protocol's events (`{author, content: {role, parts: [{text} | {functionCall} | {functionResponse}]}}`). */
export function readAgentTurn(events: readonly SseEvent[]): AgentTurn {
  const texts: string[] = [];
  const turn: AgentTurn = { reply: '', edits: [], responses: [] };
  for (const { data } of events) {
    if (!isRecord(data)) continue;
    if (typeof data.code === 'number' && data.code !== 0 && typeof data.message === 'string') {
      turn.error = { code: data.code, message: data.message };
      continue;
    }
    if (
      isRecord(data.error) &&
      typeof data.error.code === 'number' &&
      typeof data.error.message === 'string'
    ) {
      turn.error = { code: data.error.code, message: data.error.message };
      continue;
    }
    const content = data.content;
    if (!isRecord(content) || !Array.isArray(content.parts)) continue;
    for (const part of content.parts) {
      if (!isRecord(part)) continue;
      if (typeof part.text === 'string') texts.push(part.text);
      const call = part.functionCall;
      if (isRecord(call) && typeof call.name === 'string') {
        turn.edits.push({ name: call.name, args: isRecord(call.args) ? call.args : {} });
      }
      const response = part.functionResponse;
      if (isRecord(response) && typeof response.name === 'string') {
        turn.responses.push({ name: response.name, response: response.response });
      }
    }
  }
  turn.reply = texts.join('\n').trim();
  return turn;
}
