/** One event of the /run_sse stream (spec/api.md), as far as the page reads it. */
export interface AgentEvent {
  author?: string;
  content?: {
    role?: string;
    parts?: AgentPart[];
  };
}

export interface AgentPart {
  text?: string;
  functionCall?: { name: string; args?: Record<string, unknown> };
  functionResponse?: { name: string; response?: Record<string, unknown> };
}

/**
 * Reads a text/event-stream incrementally: feed it chunks as they arrive, get back the JSON
 * of every complete `data:` event. Comments (`: heartbeat`) and unparseable data are skipped.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];

  feed(chunk: string): AgentEvent[] {
    this.buffer += chunk;
    const out: AgentEvent[] = [];
    let nl: number;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, nl);
      const sep = this.buffer.startsWith('\r\n', nl) ? 2 : 1;
      this.buffer = this.buffer.slice(nl + sep);
      this.line(line, out);
    }
    return out;
  }

  /** Call once the stream has ended: dispatches an event that lacked its final blank line. */
  end(): AgentEvent[] {
    const out: AgentEvent[] = [];
    if (this.buffer) this.line(this.buffer, out);
    this.buffer = '';
    this.line('', out);
    return out;
  }

  private line(line: string, out: AgentEvent[]): void {
    if (line === '') {
      if (this.data.length === 0) return;
      const payload = this.data.join('\n');
      this.data = [];
      try {
        const event: unknown = JSON.parse(payload);
        if (event && typeof event === 'object') out.push(event as AgentEvent);
      } catch {
        // Not JSON: not an event the page understands.
      }
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
  }
}

/** The text for the person carried by an event, or '' when it carries none. */
export function eventText(event: AgentEvent): string {
  return (event.content?.parts ?? [])
    .map((p) => (typeof p.text === 'string' ? p.text : ''))
    .filter(Boolean)
    .join('\n');
}

/** Names of the edits an event says are being applied. */
export function eventCalls(event: AgentEvent): string[] {
  return (event.content?.parts ?? []).flatMap((p) => (p.functionCall?.name ? [p.functionCall.name] : []));
}
