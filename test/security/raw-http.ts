/**
 * Attack helpers: a server on 127.0.0.1 over a temp data folder, and a raw HTTP/1.1 client over a socket that
 * sends exactly the bytes it is given (header spellings, tabs, slow bodies) and reads one answer.
 */
import net from 'node:net';
import path from 'node:path';
import type { ConfigInput } from '../../src/service/config.ts';
import { startServer, type RunningServer } from '../../src/start/start-server.ts';
import { tempDir, testConfig } from '../helpers/server.ts';

export interface AttackServer {
  server: RunningServer;
  url: string;
  port: number;
  dataDir: string;
  close(): Promise<void>;
}

/** A real server on 127.0.0.1 (random port, no worker) over a fresh data folder. */
export async function attackServer(
  overrides: Partial<ConfigInput> = {},
  options: { logStream?: NodeJS.WritableStream; dataDir?: string } = {},
): Promise<AttackServer> {
  const tmp = await tempDir();
  const dataDir = options.dataDir ?? path.join(tmp.dir, 'data');
  const server = await startServer(testConfig(dataDir, { serveWorker: false, ...overrides }), {
    graceMs: 500,
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  return {
    server,
    url: server.url,
    port: Number(new URL(server.url).port),
    dataDir,
    async close() {
      await server.close();
      await tmp.cleanup();
    },
  };
}

export interface RawAnswer {
  status: number;
  headers: string;
  body: string;
}

/** Parses the first answer of a raw HTTP/1.1 exchange (Content-Length or close-delimited bodies). */
function parseAnswer(raw: string): RawAnswer | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const head = raw.slice(0, end);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  const len = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
  const body = raw.slice(end + 4);
  if (len !== undefined && Buffer.byteLength(body) < Number(len)) return undefined;
  return { status, headers: head, body };
}

/**
 * Sends `head` (request line and headers, without the blank line) and `body` over a new socket to 127.0.0.1,
 * and resolves with the answer (or rejects after `timeoutMs`).
 */
export function rawRequest(port: number, head: string, body = '', timeoutMs = 10_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer in ${timeoutMs} ms`));
    }, timeoutMs);
    const done = (a: RawAnswer) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(a);
    };
    socket.on('data', (chunk) => {
      data += chunk.toString('utf8');
      const a = parseAnswer(data);
      if (a) done(a);
    });
    socket.on('end', () => {
      const a = parseAnswer(data);
      if (a) done(a);
      else {
        clearTimeout(timer);
        reject(new Error(`connection closed without an answer: ${data.slice(0, 200)}`));
      }
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    const bytes = Buffer.from(body);
    socket.write(
      `${head}\r\nhost: 127.0.0.1\r\ncontent-length: ${bytes.length}\r\nconnection: close\r\n\r\n`,
    );
    socket.end(bytes);
  });
}

/** The catalog code of a JSON envelope answer (NaN when the body is not one). */
export function codeOf(a: RawAnswer): number {
  try {
    return (JSON.parse(a.body) as { code: number }).code;
  } catch {
    return Number.NaN;
  }
}
