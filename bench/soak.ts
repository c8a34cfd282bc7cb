/**
 * `npm run bench:soak`: a real server (with its render worker) on 127.0.0.1 over a temp data folder,
 * in its own process, under 50 clients for 2 minutes of mixed calls: uploads of small generated
 * JPEGs, instructions (server-sent events, read to the end), draft reads, exports of a short small
 * video and their status, credits and /healthz. Prints requests, answers by status, 5xx count,
 * p50/p99 latency (all calls, and per kind), exports finished, and the peak resident memory of the
 * server and of its ffmpeg children. Exits non-zero when any call answered 5xx or failed to connect.
 *
 * Settings: SOAK_SECONDS (default 120), SOAK_CLIENTS (default 50).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { seededRandom } from '../src/timeline/random.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.SOAK_SECONDS ?? 120);
const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 50);

type Kind =
  'token' | 'session' | 'upload' | 'instruction' | 'state' | 'export' | 'render' | 'credits' | 'health';

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of every child process of `ppid` (the ffmpeg renders and probes), summed. */
function childrenRssKb(ppid: number): number {
  let sum = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const status = readFileSync(`/proc/${d}/status`, 'utf8');
      if (new RegExp(`^PPid:\\s+${ppid}$`, 'm').test(status)) sum += rssKb(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return sum;
}

async function startServer(dataDir: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/start/serve-main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PHOTOREEL_PORT: '0',
      PHOTOREEL_HOST: '127.0.0.1',
      PHOTOREEL_DATA: dataDir,
      PHOTOREEL_CREDITS_PER_TOKEN: '1000000',
      PHOTOREEL_RATE_TOKENS_PER_MIN: '1000000',
      PHOTOREEL_RATE_INSTRUCTIONS_PER_MIN: '1000000',
      PHOTOREEL_SERVE_WORKER: 'true',
      PHOTOREEL_RENDER_CONCURRENCY: '1',
      PHOTOREEL_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening`)));
  });
  child.stdout.resume();
  return {
    url,
    pid: child.pid as number,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const hard = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', () => {
          clearTimeout(hard);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

interface Sample {
  kind: Kind;
  ms: number;
  status: number;
}

const samples: Sample[] = [];
let networkErrors = 0;
const firstErrors: string[] = [];

/** One call; its latency (to the end of the body, SSE streams included) and status are recorded. */
/** The parts of the protocol's answers that the clients read. */
interface Answer {
  code?: number;
  data?: { token?: string; session_id?: string; files?: Array<{ id: string }>; status?: string };
}

async function call(
  kind: Kind,
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; json?: Answer }> {
  const t0 = performance.now();
  try {
    const r = await fetch(url, init);
    const text = await r.text();
    samples.push({ kind, ms: performance.now() - t0, status: r.status });
    if (r.status >= 500 && firstErrors.length < 5)
      firstErrors.push(`${kind} ${r.status}: ${text.slice(0, 200)}`);
    let json: Answer | undefined;
    try {
      json = JSON.parse(text) as Answer;
    } catch {
      json = undefined;
    }
    return { status: r.status, json };
  } catch (e) {
    networkErrors++;
    if (firstErrors.length < 5) firstErrors.push(`${kind}: ${(e as Error).message}`);
    return { status: 0, json: undefined };
  }
}

function multipart(files: Array<{ name: string; data: Buffer }>): { body: Buffer; type: string } {
  const boundary = `----soak${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

const INSTRUCTIONS = [
  'make each photo 1 second',
  'add a title "Soak test"',
  'use fade transitions',
  'make it square',
  'zoom in slowly on every photo',
  'make it vertical for tiktok',
  'remove the title',
  'undo',
  '每张照片2秒',
  'make the title red',
];

async function client(
  i: number,
  base: string,
  photos: Buffer[],
  until: number,
  exports: string[],
): Promise<void> {
  const rnd = seededRandom(1000 + i);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const tok = await call('token', `${base}/api/auth/anonymous-token`, {
    method: 'POST',
    headers: { 'X-Client-Id': randomUUID() },
  });
  const token = tok.json?.data?.token;
  if (!token) return;
  const auth = { Authorization: `Bearer ${token}` };
  const ses = await call('session', `${base}/api/tasks/me/with-session/nemo_agent`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ task_name: `soak ${i}`, language: 'en' }),
  });
  const session = ses.json?.data?.session_id;
  if (!session) return;
  const assets: string[] = [];
  const upload = async (n: number): Promise<void> => {
    const m = multipart(Array.from({ length: n }, (_, k) => ({ name: `p${k}.jpg`, data: pick(photos) })));
    const r = await call('upload', `${base}/api/upload-video/nemo_agent/me/${session}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': m.type },
      body: Uint8Array.from(m.body),
    });
    for (const f of r.json?.data?.files ?? []) assets.push(f.id);
  };
  await upload(2);
  const mine: string[] = [];
  let n = 0;
  while (Date.now() < until) {
    const x = rnd();
    if (x < 0.35) {
      await call('state', `${base}/api/state/nemo_agent/me/${session}/latest`, { headers: auth });
    } else if (x < 0.6) {
      await call('instruction', `${base}/run_sse`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({
          app_name: 'nemo_agent',
          user_id: 'me',
          session_id: session,
          new_message: { parts: [{ text: pick(INSTRUCTIONS) }] },
        }),
      });
    } else if (x < 0.72) {
      await upload(1);
    } else if (x < 0.8 && assets.length >= 2) {
      // A 2-second 320x180 video of two photos: short and small, so the worker keeps up.
      const id = `render_soak_${i}_${++n}`;
      const draft = {
        v: 1,
        w: 320,
        h: 180,
        fps: 15,
        t: [
          {
            tt: 0,
            sg: assets
              .slice(-2)
              .map((src) => ({ src, d: 1000, m: { fit: 'cover', motion: { type: 'none' } } })),
          },
        ],
        m: { name: 'soak' },
      };
      const r = await call('export', `${base}/api/render/proxy/lambda`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ id, sessionId: session, draft, output: { format: 'mp4', quality: 'draft' } }),
      });
      if (r.json?.code === 0) {
        mine.push(id);
        exports.push(`${token} ${id}`);
      }
    } else if (x < 0.9 && mine.length > 0) {
      await call('render', `${base}/api/render/proxy/lambda/${pick(mine)}`, { headers: auth });
    } else if (x < 0.95) {
      await call('credits', `${base}/api/credits/balance/simple`, { headers: auth });
    } else {
      await call('health', `${base}/healthz`);
    }
  }
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'photoreel-soak-'));
  const server = await startServer(path.join(dir, 'data'));
  let peakServer = 0;
  let peakChildren = 0;
  const sampler = setInterval(() => {
    peakServer = Math.max(peakServer, rssKb(server.pid));
    peakChildren = Math.max(peakChildren, childrenRssKb(server.pid));
  }, 250);
  try {
    const photos = await Promise.all(
      Array.from({ length: 8 }, (_, k) =>
        sharp({
          create: { width: 640, height: 480, channels: 3, background: { r: 30 * k, g: 200 - 20 * k, b: 90 } },
        })
          .jpeg({ quality: 80 })
          .toBuffer(),
      ),
    );
    console.log(
      `soak: ${CLIENTS} clients for ${SECONDS} s against ${server.url} (server pid ${server.pid}); ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    const t0 = Date.now();
    const until = t0 + SECONDS * 1000;
    const exports: string[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => client(i, server.url, photos, until, exports)),
    );
    const elapsed = (Date.now() - t0) / 1000;

    // How the exports ended (not counted in the figures above).
    const ended: Record<string, number> = {};
    for (const e of exports) {
      const [token, id] = e.split(' ');
      try {
        const r = await fetch(`${server.url}/api/render/proxy/lambda/${id}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        const j = (await r.json()) as { data?: { status?: string } };
        const s = j.data?.status ?? `http ${r.status}`;
        ended[s] = (ended[s] ?? 0) + 1;
      } catch {
        ended.unreachable = (ended.unreachable ?? 0) + 1;
      }
    }

    const all = samples.map((s) => s.ms).sort((a, b) => a - b);
    const byStatus: Record<number, number> = {};
    for (const s of samples) {
      byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
    }
    const fivexx = samples.filter((s) => s.status >= 500).length;
    const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
    console.log(
      `requests      ${samples.length} in ${elapsed.toFixed(0)} s (${(samples.length / elapsed).toFixed(0)}/s)`,
    );
    console.log(
      `answers       ${Object.entries(byStatus)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')}`,
    );
    console.log(`5xx           ${fivexx}, network errors ${networkErrors}`);
    console.log(
      `latency       p50 ${fmt(quantile(all, 0.5))}, p99 ${fmt(quantile(all, 0.99))}, max ${fmt(all.at(-1) ?? NaN)}`,
    );
    const kinds = [...new Set(samples.map((s) => s.kind))];
    for (const k of kinds) {
      const ms = samples
        .filter((s) => s.kind === k)
        .map((s) => s.ms)
        .sort((a, b) => a - b);
      console.log(
        `  ${k.padEnd(12)}${String(ms.length).padStart(7)}  p50 ${fmt(quantile(ms, 0.5))}, p99 ${fmt(quantile(ms, 0.99))}`,
      );
    }
    console.log(
      `exports       ${exports.length} accepted; at the end: ${Object.entries(ended)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    console.log(
      `peak RSS      server (with its render worker) ${(peakServer / 1024).toFixed(0)} MB, its ffmpeg children together ${(peakChildren / 1024).toFixed(0)} MB`,
    );
    console.log(`load average  ${os.loadavg()[0]!.toFixed(1)} at the end (1 min)`);
    if (firstErrors.length > 0) console.log(`first errors:\n  ${firstErrors.join('\n  ')}`);
    process.exitCode = fivexx > 0 || networkErrors > 0 || samples.length === 0 ? 1 : 0;
  } finally {
    clearInterval(sampler);
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
