import { createParser, type EventSourceParser } from 'eventsource-parser';

/** One event of a text/event-stream: its data parsed as JSON (kept as text when it is not JSON). */
export interface StreamEvent {
  event?: string;
  id?: string;
  data: unknown;
}

function parseData(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/**
 * THE event-stream reader of photoreel (server tests, the MCP client, the web page), on eventsource-parser:
 * feed it text as it arrives and get back every complete event; comments (`: heartbeat`) are skipped
 * (`comments` counts them). Call `end()` when the stream has closed, for an event that lacked its blank line.
 */
export class EventStreamReader {
  private readonly parser: EventSourceParser;
  private pending: StreamEvent[] = [];
  /** The comments read so far (`heartbeat`, …), without their colon. */
  readonly comments: string[] = [];

  constructor() {
    this.parser = createParser({
      onEvent: (e) => {
        this.pending.push({
          ...(e.event ? { event: e.event } : {}),
          ...(e.id ? { id: e.id } : {}),
          data: parseData(e.data),
        });
      },
      onComment: (c) => this.comments.push(c.trim()),
    });
  }

  feed(chunk: string): StreamEvent[] {
    this.parser.feed(chunk);
    return this.take();
  }

  end(): StreamEvent[] {
    // eventsource-parser dispatches an unterminated event only after its blank line: give it one.
    this.parser.feed('\n\n');
    this.parser.reset();
    return this.take();
  }

  private take(): StreamEvent[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }
}

/** Every event of a complete stream's text. */
export function parseEventStream(text: string): StreamEvent[] {
  const reader = new EventStreamReader();
  return [...reader.feed(text), ...reader.end()];
}

/** Reads a response body as events while it streams in; ends when the body does. */
export async function* readEventStream(body: ReadableStream<Uint8Array>): AsyncGenerator<StreamEvent> {
  const reader = new EventStreamReader();
  const decoder = new TextDecoder();
  const bytes = body.getReader();
  try {
    for (;;) {
      const { value, done } = await bytes.read();
      if (done) break;
      yield* reader.feed(decoder.decode(value, { stream: true }));
    }
    yield* reader.feed(decoder.decode());
    yield* reader.end();
  } finally {
    bytes.releaseLock();
  }
}

/** One event as the server writes it: `data: <json>` and a blank line (JSON has no raw newlines). */
export function encodeEvent(event: unknown): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}

/** A comment line (`: heartbeat`), which readers skip. */
export function encodeComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}
