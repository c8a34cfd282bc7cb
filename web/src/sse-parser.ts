/**
 * The page's view of the /run_sse stream, on the protocol's one event-stream reader (src/protocol, built on
 * eventsource-parser): complete agent events out of text chunks as they arrive.
 */
import { EventStreamReader } from '../../src/protocol/event-stream.ts';
import { toAgentEvent, type AgentEvent, type AgentPart } from '../../src/protocol/events.ts';

export { eventCalls, eventText } from '../../src/protocol/events.ts';
export type { AgentEvent, AgentPart };

/**
 * Reads a text/event-stream incrementally: feed it chunks as they arrive, get back every complete event that is
 * an agent event (JSON objects of the protocol's shape). Comments (`: heartbeat`) and other data are skipped.
 */
export class SseParser {
  private readonly reader = new EventStreamReader();

  feed(chunk: string): AgentEvent[] {
    return agentEvents(this.reader.feed(chunk));
  }

  /** Call once the stream has ended: dispatches an event that lacked its final blank line. */
  end(): AgentEvent[] {
    return agentEvents(this.reader.end());
  }
}

function agentEvents(events: readonly { data: unknown }[]): AgentEvent[] {
  return events.flatMap((e) => {
    const event = typeof e.data === 'object' ? toAgentEvent(e.data) : undefined;
    return event ? [event] : [];
  });
}
