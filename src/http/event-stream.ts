import type { ServerResponse } from 'node:http';
import { encodeComment, encodeEvent } from '../protocol/event-stream.ts';

export interface EventStream {
  send(event: object): void;
  comment(text: string): void;
  end(): void;
  readonly closed: boolean;
}

/** Writes a text/event-stream answer on a raw response: `data: <json>` events and `: comment` lines. */
export function openEventStream(res: ServerResponse, headers: Record<string, string> = {}): EventStream {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...headers,
  });
  res.flushHeaders();
  const writable = (): boolean => !res.destroyed && !res.writableEnded;
  return {
    send(event) {
      if (writable()) res.write(encodeEvent(event));
    },
    comment(text) {
      if (writable()) res.write(encodeComment(text));
    },
    end() {
      if (writable()) res.end();
    },
    get closed() {
      return !writable();
    },
  };
}

/** Sends `: heartbeat` every `intervalMs` until the returned stop function is called. */
export function startHeartbeat(stream: Pick<EventStream, 'comment'>, intervalMs: number): () => void {
  const timer = setInterval(() => stream.comment('heartbeat'), intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
