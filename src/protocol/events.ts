import { z } from 'zod';

/** A part of an event: text for the person, an edit being applied (functionCall) or its result. */
export const agentPartSchema = z.looseObject({
  text: z.string().optional(),
  functionCall: z
    .looseObject({ name: z.string(), args: z.record(z.string(), z.unknown()).optional() })
    .optional(),
  functionResponse: z
    .looseObject({ name: z.string(), response: z.record(z.string(), z.unknown()).optional() })
    .optional(),
});
export type AgentPart = z.infer<typeof agentPartSchema>;

/** One event of an instruction's `/run_sse` stream; a failure after the stream opened carries `error`. */
export const agentEventSchema = z.looseObject({
  author: z.string().optional(),
  content: z
    .looseObject({ role: z.string().optional(), parts: z.array(agentPartSchema).optional() })
    .optional(),
  error: z.object({ code: z.int(), message: z.string() }).optional(),
});
export type AgentEvent = z.infer<typeof agentEventSchema>;

/** An event's data as an agent event, or undefined when it is not one (text, another shape). */
export function toAgentEvent(data: unknown): AgentEvent | undefined {
  const r = agentEventSchema.safeParse(data);
  return r.success ? r.data : undefined;
}

/** The text for the person an event carries, or '' when it carries none. */
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

/** What an instruction's event stream said: the text for the person, the edits and their results. */
export interface AgentTurn {
  reply: string;
  edits: { name: string; args: Record<string, unknown> }[];
  responses: { name: string; response: unknown }[];
  /** An error event the stream carried, as `{code, message}`, when there was one. */
  error?: { code: number; message: string };
}

/** Reads a whole instruction's events (the data of each stream event) into one turn. */
export function readAgentTurn(events: readonly unknown[]): AgentTurn {
  const texts: string[] = [];
  const turn: AgentTurn = { reply: '', edits: [], responses: [] };
  for (const data of events) {
    const envelope = data as { code?: unknown; message?: unknown } | null;
    if (
      envelope &&
      typeof envelope.code === 'number' &&
      envelope.code !== 0 &&
      typeof envelope.message === 'string'
    ) {
      turn.error = { code: envelope.code, message: envelope.message };
      continue;
    }
    const event = toAgentEvent(data);
    if (!event) continue;
    if (event.error) {
      turn.error = event.error;
      continue;
    }
    for (const part of event.content?.parts ?? []) {
      if (typeof part.text === 'string') texts.push(part.text);
      if (part.functionCall)
        turn.edits.push({ name: part.functionCall.name, args: part.functionCall.args ?? {} });
      if (part.functionResponse) {
        turn.responses.push({ name: part.functionResponse.name, response: part.functionResponse.response });
      }
    }
  }
  turn.reply = texts.join('\n').trim();
  return turn;
}
