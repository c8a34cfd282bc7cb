/**
 * Hostile media through a real server on 127.0.0.1: a GIF claiming a 65535x65535 canvas with 1x1 frames
 * and an MP4 cut short after its intact index are refused at upload with the catalog's codes, and leave
 * nothing in the data folder.
 */
import { copyFileSync, readdirSync, statSync, truncateSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSession, httpToken, multipartBody } from '../helpers/server.ts';
import { ffmpeg, tempDir } from '../media/helpers.ts';
import { gifBytes } from '../media/media-bytes.ts';
import { attackServer, type AttackServer } from './raw-http.ts';

const media = tempDir();
const at = (name: string): string => path.join(media.dir, name);

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
      statSync(path.join(dir, f)).isFile(),
    );
  } catch {
    return [];
  }
}

describe('hostile media at upload', () => {
  let s: AttackServer;
  let headers: Record<string, string>;
  let session: string;

  beforeAll(async () => {
    ffmpeg(
      '-f',
      'lavfi',
      '-i',
      'testsrc2=s=320x240:r=25:d=4',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-movflags',
      '+faststart',
      at('whole.mp4'),
    );
    copyFileSync(at('whole.mp4'), at('cut.mp4'));
    truncateSync(at('cut.mp4'), Math.floor(statSync(at('whole.mp4')).size * 0.6));
    s = await attackServer();
    const t = await httpToken(s.url, 'c0ffee00-0000-4000-8000-0000000bad01');
    headers = t.headers;
    session = await httpSession(s.url, headers);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    media.cleanup();
  });

  async function upload(filename: string, data: Buffer): Promise<{ status: number; code: number }> {
    const body = multipartBody([{ filename, data }]);
    const r = await fetch(`${s.url}/api/upload-video/nemo_agent/me/${session}`, {
      method: 'POST',
      headers: { ...headers, ...body.headers },
      body: new Uint8Array(body.payload),
    });
    const json = (await r.json()) as { code: number };
    return { status: r.status, code: json.code };
  }

  it('a 65535x65535 GIF of 1x1 frames answers 4002 and leaves nothing behind', async () => {
    const r = await upload(
      'tiny.gif',
      gifBytes(
        [65535, 65535],
        [
          [0, 0],
          [0, 0],
          [0, 0],
        ],
      ),
    );
    expect(r).toEqual({ status: 413, code: 4002 });
    expect(filesUnder(path.join(s.dataDir, 'uploads'))).toEqual([]);
  });

  it('an MP4 cut short after its index answers 4003 at upload; the whole one is accepted', async () => {
    const r = await upload('cut.mp4', readFileSync(at('cut.mp4')));
    expect(r).toEqual({ status: 422, code: 4003 });
    expect(filesUnder(path.join(s.dataDir, 'uploads'))).toEqual([]);
    const ok = await upload('whole.mp4', readFileSync(at('whole.mp4')));
    expect(ok.status).toBe(200);
    expect(filesUnder(path.join(s.dataDir, 'uploads'))).toHaveLength(1);
  });
});
