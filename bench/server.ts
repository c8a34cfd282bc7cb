/**
 * `npm run bench:server`: the HTTP service under load, on 127.0.0.1, the server in its own process.
 * Reports requests per second and p99 latency of GET state and POST run_sse over many sessions (autocannon,
 * bounded duration and connections), and the server's resident memory while a 200 MB upload streams in
 * (a WAV generated on the fly, never held in memory by either side).
 *
 * Settings: BENCH_SECONDS (default 5 per run), BENCH_CONNECTIONS (default 20), BENCH_SESSIONS (default 50).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 50);
const UPLOAD_BYTES = 200 * 1000 * 1000;

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function startChild(dataDir: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/start/serve-main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PHOTOREEL_PORT: '0',
      PHOTOREEL_HOST: '127.0.0.1',
      PHOTOREEL_DATA: dataDir,
      PHOTOREEL_CREDITS_PER_TOKEN: '1000000000',
      PHOTOREEL_RATE_TOKENS_PER_MIN: '1000000',
      PHOTOREEL_RATE_INSTRUCTIONS_PER_MIN: '1000000',
      PHOTOREEL_SERVE_WORKER: 'false',
      PHOTOREEL_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening`)));
  });
  return {
    url,
    pid: child.pid as number,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A WAV header then `bytes` of silence-ish PCM, produced chunk by chunk. */
function wavStream(boundary: string, bytes: number): Readable {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + bytes, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(2, 22);
  header.writeUInt32LE(48000, 24);
  header.writeUInt32LE(48000 * 4, 28);
  header.writeUInt16LE(4, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(bytes, 40);
  const head = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="long.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
    ),
    header,
  ]);
  const chunk = Buffer.alloc(256 * 1024);
  for (let i = 0; i < chunk.length; i += 2) chunk.writeInt16LE(Math.round(Math.sin(i / 20) * 3000), i);
  let sent = -1;
  return new Readable({
    read() {
      if (sent < 0) {
        sent = 0;
        this.push(head);
        return;
      }
      if (sent >= bytes) {
        this.push(Buffer.from(`\r\n--${boundary}--\r\n`));
        this.push(null);
        return;
      }
      const n = Math.min(chunk.length, bytes - sent);
      sent += n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

async function main(): Promise<void> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'photoreel-bench-'));
  const server = await startChild(path.join(tmp, 'data'));
  try {
    const base = server.url;
    const tok = (await (
      await fetch(`${base}/api/auth/anonymous-token`, {
        method: 'POST',
        headers: { 'X-Client-Id': 'bench-client' },
      })
    ).json()) as {
      data: { token: string };
    };
    const auth = { authorization: `Bearer ${tok.data.token}` };
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#3366aa' } })
      .jpeg()
      .toBuffer();
    const sessions: string[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const s = (await (
        await fetch(`${base}/api/tasks/me/with-session/nemo_agent`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: '{}',
        })
      ).json()) as { data: { session_id: string } };
      const form = new FormData();
      for (let k = 0; k < 3; k++) form.append('files', new Blob([photo]), `p${k}.jpg`);
      await fetch(`${base}/api/upload-video/nemo_agent/me/${s.data.session_id}`, {
        method: 'POST',
        headers: auth,
        body: form,
      });
      sessions.push(s.data.session_id);
    }
    const rows: [string, string, string, string, string][] = [];
    const rotate = (make: (s: string, n: number) => Record<string, unknown>) => {
      let n = 0;
      return (req: Record<string, unknown>) => {
        n += 1;
        return { ...req, ...make(sessions[n % sessions.length] as string, n) };
      };
    };
    const cannon = async (label: string, opts: Record<string, unknown>): Promise<void> => {
      const r = await autocannon({ url: base, connections: CONNECTIONS, duration: SECONDS, ...opts });
      rows.push([
        label,
        r.requests.average.toFixed(0),
        r.latency.p50.toFixed(1),
        r.latency.p99.toFixed(1),
        String(r.non2xx + r.errors),
      ]);
    };

    await cannon('GET state', {
      method: 'GET',
      headers: auth,
      requests: [{ setupRequest: rotate((s) => ({ path: `/api/state/nemo_agent/me/${s}/latest` })) }],
    });
    const texts = [
      'turn these photos into a video, 2 seconds each',
      'make it vertical',
      'make each photo 3 seconds',
      'undo',
    ];
    await cannon('POST run_sse', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', accept: 'text/event-stream' },
      requests: [
        {
          setupRequest: rotate((s, n) => ({
            path: '/run_sse',
            body: JSON.stringify({
              app_name: 'nemo_agent',
              user_id: 'me',
              session_id: s,
              new_message: { parts: [{ text: texts[n % texts.length] }] },
            }),
          })),
        },
      ],
    });

    // Memory while 200 MB stream in.
    const before = rssMb(server.pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), 50);
    const boundary = 'benchBoundary0123';
    const started = Date.now();
    const res = await fetch(`${base}/api/upload-video/nemo_agent/me/${sessions[0]}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: Readable.toWeb(wavStream(boundary, UPLOAD_BYTES)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const answer = (await res.json()) as {
      code: number;
      data?: { files?: { kind: string; size: number }[] };
    };
    clearInterval(sampler);
    const secs = (Date.now() - started) / 1000;
    const stored = answer.data?.files?.[0];

    console.log(
      `\nphotoreel server benchmark (${os.cpus().length} cores, ${CONNECTIONS} connections, ${SECONDS} s a run, ${SESSIONS} sessions)\n`,
    );
    console.log('| endpoint | req/s | p50 ms | p99 ms | non-2xx |');
    console.log('|---|---:|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
    console.log(`\n| 200 MB upload | value |\n|---|---:|`);
    console.log(
      `| answer | code ${answer.code}${stored ? ` (${stored.kind}, ${(stored.size / 1e6).toFixed(0)} MB)` : ''} |`,
    );
    console.log(`| throughput | ${(UPLOAD_BYTES / 1e6 / secs).toFixed(0)} MB/s |`);
    console.log(`| server RSS before | ${before.toFixed(0)} MB |`);
    console.log(`| server RSS peak while streaming | ${peak.toFixed(0)} MB |`);
  } finally {
    await server.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
