/**
 * A restart in the middle of a render: the server stops with the job rendering (its worker hands the job back),
 * a new server on the same data folder picks it up, and the job completes with a valid MP4.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobIdOf } from '../../src/service/exports.ts';
import { sha256Hex } from '../../src/service/ids.ts';
import { startServer } from '../../src/start/start-server.ts';
import { makePhoto } from '../helpers/media.ts';
import { httpSession, httpToken, tempDir, testConfig, waitFor } from '../helpers/server.ts';
import { probe } from '../helpers/video.ts';

describe('restart during a render', () => {
  it('the job survives and completes once', async () => {
    const tmp = await tempDir('photoreel-restart-');
    const config = testConfig(path.join(tmp.dir, 'data'));
    let server = await startServer(config);
    try {
      const { token, headers } = await httpToken(server.url, 'restart-client-1');
      const session = await httpSession(server.url, headers);
      const form = new FormData();
      for (let i = 0; i < 6; i++)
        form.append(
          'files',
          new Blob([
            await readFile(
              await makePhoto(path.join(tmp.dir, `p${i}.jpg`), { width: 640, height: 480, hue: i }),
            ),
          ]),
          `p${i}.jpg`,
        );
      const up = (await (
        await fetch(`${server.url}/api/upload-video/nemo_agent/me/${session}`, {
          method: 'POST',
          headers,
          body: form,
        })
      ).json()) as {
        data: { files: { id: string }[] };
      };
      const draft = {
        v: 1,
        w: 640,
        h: 360,
        fps: 25,
        t: [
          {
            tt: 0,
            sg: up.data.files.map((f) => ({
              src: f.id,
              d: 2000,
              m: { fit: 'blur', motion: { type: 'zoom-in', amount: 0.2 }, tr: { type: 'fade', d: 500 } },
            })),
          },
        ],
      };
      delete (draft.t[0]?.sg.at(-1)?.m as { tr?: unknown }).tr;
      const id = 'render_restart';
      await fetch(`${server.url}/api/render/proxy/lambda`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ id, sessionId: session, draft, output: { format: 'mp4' } }),
      });
      const status = async () =>
        (
          (await (await fetch(`${server.url}/api/render/proxy/lambda/${id}`, { headers })).json()) as {
            data: { status: string; progress: number; output: { url: string | null } };
          }
        ).data;
      await waitFor(async () => ((await status()).status === 'rendering' ? true : undefined), 60_000, 25);
      await server.close();

      server = await startServer(config);
      const done = await waitFor(
        async () => {
          const d = await status();
          if (d.status === 'failed') throw new Error('render failed after restart');
          return d.status === 'completed' ? d : undefined;
        },
        120_000,
        200,
      );
      const mp4 = Buffer.from(await (await fetch(done.output.url as string)).arrayBuffer());
      const out = path.join(tmp.dir, 'out.mp4');
      await writeFile(out, mp4);
      const info = await probe(out);
      expect([info.video?.width, info.video?.height]).toEqual([640, 360]);
      expect(Math.abs(info.duration * 1000 - 12_000)).toBeLessThan(300);
      // Started once before the restart (handed back unfinished) and once after: never finished twice.
      const job = await server.service.queue.get(jobIdOf(sha256Hex(token), id));
      expect(job).toMatchObject({ status: 'completed', attempts: 2 });
    } finally {
      await server.close();
      await tmp.cleanup();
    }
  });
});
