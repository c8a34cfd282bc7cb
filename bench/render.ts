/**
 * Render benchmark (`npm run bench`): the standard workload and the numbers that matter, measured in one run.
 *
 *   10 generated 4000x3000 photos (detailed, ~12 MP), 3 s each, 0.5 s fades, Ken Burns (auto), music,
 *   1920x1080 @ 30 fps; then the same with 100 photos (the 10 files under 100 names).
 *
 * For each run it prints: render wall time (photo preparation included), the encode floor (ffmpeg alone
 * decoding the produced video and encoding it again with the same x264 settings), their ratio, peak memory
 * (ffmpeg's VmHWM sampled from /proc, node's maxRSS) and the cost per photo.
 *
 * Options (environment): BENCH_COUNTS="10,100" (photo counts), BENCH_MOTION=none (no Ken Burns, to see what the
 * motion costs), BENCH_KEEP=1 (keep the work folder), BENCH_PARALLEL=2 (video chunks rendered at once).
 */
import { execFile, spawn } from 'node:child_process';
import { link, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fpsFraction, videoCodecArgs } from '../src/render/plan.ts';
import { renderDraft } from '../src/render/render-draft.ts';
import type { RenderAsset } from '../src/render/types.ts';
import { slideshowDraft } from '../src/timeline/build.ts';

const run = promisify(execFile);
const COUNTS = (process.env.BENCH_COUNTS ?? '10,100').split(',').map(Number);
const MOTION = process.env.BENCH_MOTION === 'none' ? 'none' : 'auto';
const PARALLEL = Math.max(1, Number(process.env.BENCH_PARALLEL ?? 1) || 1);
const PHOTO_W = 4000;
const PHOTO_H = 3000;

async function makePhotos(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < 10; i++) {
    const file = path.join(dir, `photo-${i}.jpg`);
    // A test pattern turned by hue, with fine grain: detailed, not trivially compressible.
    await run('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=s=${PHOTO_W}x${PHOTO_H}:r=1,hue=h=${i * 36}:s=${1 + (i % 3) * 0.2},noise=alls=${12 + i}:allf=u:all_seed=${i + 1}`,
      '-frames:v',
      '1',
      '-q:v',
      '3',
      file,
    ]);
    files.push(file);
  }
  return files;
}

async function makeMusic(dir: string): Promise<string> {
  const file = path.join(dir, 'music.m4a');
  // A 40 s chord with a slow tremolo: it loops under longer videos.
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    "aevalsrc='0.2*sin(2*PI*220*t)*(0.6+0.4*sin(2*PI*0.5*t))+0.15*sin(2*PI*277.18*t)+0.12*sin(2*PI*329.63*t)|0.2*sin(2*PI*220*t)+0.15*sin(2*PI*329.63*t)':s=48000:d=40",
    '-c:a',
    'aac',
    '-b:a',
    '160k',
    file,
  ]);
  return file;
}

/** Peak resident memory of a process, sampled from /proc (VmHWM is the kernel's own high-water mark). */
function sampleMemory(pid: number): { stop: () => number } {
  let peakKb = 0;
  const read = async (): Promise<void> => {
    try {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+)/.exec(status);
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // The process has ended.
    }
  };
  void read();
  const timer = setInterval(() => void read(), 100);
  return {
    stop: () => {
      clearInterval(timer);
      return peakKb;
    },
  };
}

/**
 * Peak memory of several processes that may run at the same time (parallel video chunks): the largest
 * sum of their resident sizes (VmRSS) seen at one sample, or the largest single VmHWM if that is higher.
 */
function sampleTree(): { add: (pid: number) => void; stop: () => number } {
  const pids = new Set<number>();
  const hwm = new Map<number, number>();
  let peakSumKb = 0;
  const read = async (): Promise<void> => {
    let sum = 0;
    for (const pid of pids) {
      try {
        const status = await readFile(`/proc/${pid}/status`, 'utf8');
        const rss = /VmRSS:\s+(\d+)/.exec(status);
        const high = /VmHWM:\s+(\d+)/.exec(status);
        if (rss) sum += Number(rss[1]);
        if (high) hwm.set(pid, Math.max(hwm.get(pid) ?? 0, Number(high[1])));
      } catch {
        pids.delete(pid); // ended
      }
    }
    peakSumKb = Math.max(peakSumKb, sum);
  };
  const timer = setInterval(() => void read(), 100);
  return {
    add: (pid) => {
      pids.add(pid);
      void read();
    },
    stop: () => {
      clearInterval(timer);
      return Math.max(peakSumKb, ...hwm.values());
    },
  };
}

async function encodeFloor(video: string, fps: number): Promise<{ seconds: number; peakMb: number }> {
  const started = performance.now();
  const { num, den } = fpsFraction(fps);
  const child = spawn(
    'ffmpeg',
    ['-v', 'error', '-i', video, '-an', ...videoCodecArgs(`${num}/${den}`), '-f', 'null', '-'],
    { stdio: 'ignore' },
  );
  const mem = sampleMemory(child.pid!);
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`floor encode exited ${code}`))));
  });
  return { seconds: (performance.now() - started) / 1000, peakMb: mem.stop() / 1024 };
}

interface Row {
  photos: number;
  videoSeconds: number;
  renderSeconds: number;
  prepareSeconds: number;
  floorSeconds: number;
  ffmpegPeakMb: number;
  nodePeakMb: number;
  graphKb: number;
  sizeMb: number;
  runs: number;
}

async function bench(work: string, photos: string[], music: string, count: number): Promise<Row> {
  const dir = path.join(work, `run-${count}`);
  await mkdir(dir, { recursive: true });
  const assets: Record<string, RenderAsset> = {};
  const sources: { id: string; kind: 'image' }[] = [];
  for (let i = 0; i < count; i++) {
    const id = `p${String(i).padStart(3, '0')}`;
    const file = path.join(dir, `${id}.jpg`);
    await link(photos[i % photos.length]!, file);
    const { size } = await stat(file);
    assets[id] = {
      id,
      path: file,
      info: { kind: 'image', mime: 'image/jpeg', ext: 'jpg', size, width: PHOTO_W, height: PHOTO_H },
    };
    sources.push({ id, kind: 'image' });
  }
  const { size: musicSize } = await stat(music);
  assets.music = {
    id: 'music',
    path: music,
    info: { kind: 'audio', mime: 'audio/mp4', ext: 'm4a', size: musicSize, durationMs: 40_000 },
  };
  const draft = slideshowDraft(sources, {
    preset: 'youtube',
    fps: 30,
    seconds: 3,
    transition: 'fade',
    transitionMs: 500,
    motion: MOTION,
    music: { id: 'music', durationMs: 40_000 },
    seed: 'bench',
  });
  const output = path.join(dir, 'out.mp4');
  const tree = sampleTree();
  let graphKb = 0;
  let ffmpegStarted = 0;
  let runs = 0;
  const started = performance.now();
  await renderDraft({
    draft,
    assets,
    output,
    cacheDir: path.join(dir, 'cache'),
    parallelRuns: PARALLEL,
    onPlan: (plan) => {
      graphKb = plan.graph.length / 1024;
      runs = plan.runs.length;
    },
    onSpawn: (pid) => {
      if (ffmpegStarted === 0) ffmpegStarted = performance.now();
      tree.add(pid);
    },
  });
  const renderSeconds = (performance.now() - started) / 1000;
  // Video chunks may run side by side: the peak is that of all ffmpeg processes alive at once.
  const ffmpegPeakMb = tree.stop() / 1024;
  const floor = await encodeFloor(output, draft.fps);
  const { size } = await stat(output);
  return {
    photos: count,
    videoSeconds: count * 3,
    renderSeconds,
    prepareSeconds: (ffmpegStarted - started) / 1000,
    floorSeconds: floor.seconds,
    ffmpegPeakMb,
    nodePeakMb: process.resourceUsage().maxRSS / 1024,
    graphKb,
    sizeMb: size / 1024 / 1024,
    runs,
  };
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'photoreel-bench-'));
  console.log(
    `photoreel render benchmark: ${os.cpus().length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, work in ${work}`,
  );
  const { stdout } = await run('ffmpeg', ['-hide_banner', '-version']);
  console.log(stdout.split('\n')[0]);
  try {
    const t0 = performance.now();
    const photos = await makePhotos(work);
    const music = await makeMusic(work);
    console.log(
      `made 10 photos ${PHOTO_W}x${PHOTO_H} and 40 s of music in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const rows: Row[] = [];
    for (const count of COUNTS) {
      const row = await bench(work, photos, music, count);
      rows.push(row);
      console.log(
        `${count} photos: render ${row.renderSeconds.toFixed(1)} s (prepare ${row.prepareSeconds.toFixed(1)} s), ` +
          `floor ${row.floorSeconds.toFixed(1)} s, ratio ${(row.renderSeconds / row.floorSeconds).toFixed(2)}, ` +
          `ffmpeg peak ${row.ffmpegPeakMb.toFixed(0)} MB, node peak ${row.nodePeakMb.toFixed(0)} MB`,
      );
    }
    console.log(
      '\n| photos | video | ffmpeg runs | render (prep) | encode floor | ratio | ffmpeg peak | node peak | per photo | file |',
    );
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      console.log(
        `| ${r.photos} | ${r.videoSeconds} s | ${r.runs} | ${r.renderSeconds.toFixed(1)} s (${r.prepareSeconds.toFixed(1)} s) | ` +
          `${r.floorSeconds.toFixed(1)} s | ${(r.renderSeconds / r.floorSeconds).toFixed(2)} | ${r.ffmpegPeakMb.toFixed(0)} MB | ` +
          `${r.nodePeakMb.toFixed(0)} MB | ${(r.renderSeconds / r.photos).toFixed(2)} s | ${r.sizeMb.toFixed(1)} MB |`,
      );
    }
    console.log(
      '\nratio = render wall time (photo preparation included) / encode floor (ffmpeg decoding the output and ' +
        're-encoding it with libx264 high, veryfast, CRF 20). Peak memory: ffmpeg VmHWM and node maxRSS; ' +
        'they do not peak at the same time (node prepares photos before ffmpeg starts), so the process tree peak is at most their sum. ' +
        'ffmpeg peak counts every ffmpeg run alive at once (parallel video chunks: the largest sum of their VmRSS).',
    );
  } finally {
    if (process.env.BENCH_KEEP !== '1') await rm(work, { recursive: true, force: true });
  }
}

await main();
