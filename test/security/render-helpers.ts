/**
 * Helpers of the render attacks: upload photos over real HTTP, post exports, read and cancel renders, and find
 * the ffmpeg processes and partial files of one render.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { makePhoto, tempDir } from '../helpers/media.ts';
import { multipartBody } from '../helpers/server.ts';

export interface Answer {
  status: number;
  ms: number;
  body: { code: number; message: string; data: Record<string, unknown> | null };
}

/** A JSON call over real HTTP, timed. */
export async function call(
  url: string,
  method: string,
  pathname: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Answer> {
  const t0 = Date.now();
  const res = await fetch(`${url}${pathname}`, {
    method,
    headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  const parsed = (await res.json()) as Answer['body'];
  return { status: res.status, ms: Date.now() - t0, body: parsed };
}

/** Uploads `count` small JPEGs to a session; returns their media ids. */
export async function uploadPhotos(
  url: string,
  headers: Record<string, string>,
  session: string,
  count: number,
): Promise<string[]> {
  const tmp = await tempDir('photoreel-photos-');
  try {
    const parts = [];
    for (let i = 0; i < count; i++) {
      const file = await makePhoto(path.join(tmp.dir, `${i}.jpg`), { hue: i, width: 320, height: 240 });
      parts.push({ filename: `${i}.jpg`, data: await readFile(file), type: 'image/jpeg' });
    }
    const up = multipartBody(parts);
    const res = await fetch(`${url}/api/upload-video/nemo_agent/me/${session}`, {
      method: 'POST',
      headers: { ...headers, ...up.headers },
      body: new Uint8Array(up.payload),
    });
    const json = (await res.json()) as { data: { files: { id: string }[] } };
    return json.data.files.map((f) => f.id);
  } finally {
    await tmp.cleanup();
  }
}

/** A slideshow draft of `ids`, each shown `d` ms, on a w×h canvas at fps. */
export function slideshow(ids: string[], d: number, w = 320, h = 180, fps = 25) {
  return { v: 1, w, h, fps, t: [{ tt: 0, sg: ids.map((src) => ({ src, d })) }] };
}

/** The pids of running processes whose command line names `needle` (ffmpeg of one render). */
export async function processesNaming(needle: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmd = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // A zombie (Z) is already dead: only its parent has not collected it yet.
    if (cmd.includes(needle) && !/\) Z /.test(stat)) pids.push(Number(entry));
  }
  return pids;
}

/** Files under `dir` whose names contain `needle`. */
export async function filesNaming(dir: string, needle: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((e) => e.includes(needle));
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
