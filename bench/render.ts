/**
 * Render benchmark (`npm run bench`): the standard workload and the numbers that matter, measured in one run.
 *
 *   10 generated 4000x3000 photos (detailed, ~12 MP), 3 s each, 0.5 s fades, zoom-in, music, 30 fps,
 *   x264 veryfast CRF 20 (the `standard` mp4), at 1920x1080 and at 1080x1920; then 100 photos at 1920x1080
 *   (the 10 files under 100 names: the cost per photo must stay flat).
 *
 * Each render is compared with its encode floor: ffmpeg alone decoding the produced video and encoding it
 * again with the same x264 settings. The two 10-photo workloads run in interleaved rounds (landscape,
 * vertical, landscape, …); medians and spreads (min–max) are printed. Beside the wall-clock ratio, the CPU time
 * both used (node with all its threads and every ffmpeg it ran, against the floor's ffmpeg), where the system
 * reports children's CPU time (Linux). Peak memory of every process: node (the renderer: main thread, frame
 * workers, photo decoding) and each ffmpeg it starts, from the kernel's high-water marks.
 *
 * Options (environment): BENCH_ROUNDS=5 (0: the long run only), BENCH_LONG=100 (photos of the long run; 0 skips it),
 * BENCH_KEEP=1 (keep the work folder).
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { link, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { floorVideoArgs } from '../src/render/encode-args.ts';
import { fpsFraction } from '../src/render/layout.ts';
import { renderDraft } from '../src/render/render-draft.ts';
import type { RenderAsset } from '../src/render/types.ts';
import { slideshowDraft } from '../src/timeline/build.ts';

const run = promisify(execFile);
const ROUNDS = Math.max(0, Number(process.env.BENCH_ROUNDS ?? 5));
const LONG = Number(process.env.BENCH_LONG ?? 100);
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

/** VmHWM (the kernel's high-water mark of resident memory, kB) of a process, or undefined once it has ended. */
function highWaterKb(pid: number | 'self'): number | undefined {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return undefined;
  }
}

/**
 * Peak resident memory of this process and of each child added, from the kernel's own high-water marks
 * (VmHWM), so that measuring costs the measured process next to nothing. This process's mark is reset
 * when sampling starts (writing 5 to /proc/self/clear_refs) and read at the end; where that is refused,
 * its resident size is sampled instead. A child's mark is read every 250 ms: the last reading before it
 * ends is its peak (an encoder allocates its buffers when it starts).
 */
function sampleMemory(): { add: (pid: number, name: string) => void; stop: () => Map<string, number> } {
  const pids = new Map<number, string>();
  const peak = new Map<string, number>();
  let selfReset = false;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    selfReset = true;
  } catch {
    // not Linux, or not allowed: sampled below
  }
  const read = (): void => {
    for (const [pid, name] of pids) {
      const own = pid === process.pid;
      if (own && selfReset) continue;
      const kb = own ? Math.round(process.memoryUsage.rss() / 1024) : highWaterKb(pid);
      if (kb === undefined)
        pids.delete(pid); // ended
      else peak.set(name, Math.max(peak.get(name) ?? 0, kb));
    }
  };
  const timer = setInterval(read, 250);
  return {
    add: (pid, name) => {
      pids.set(pid, name);
      read();
    },
    stop: () => {
      clearInterval(timer);
      read();
      const self = pids.get(process.pid);
      if (self !== undefined && selfReset) peak.set(self, highWaterKb('self') ?? 0);
      return peak;
    },
  };
}

/** Clock ticks per second of /proc's CPU times (USER_HZ). */
let ticksPerSecond = 100;

/**
 * CPU seconds used so far by this process (every thread) and by its children that have ended and been
 * waited for (Linux: /proc/self/stat), or undefined where the system does not say.
 */
function cpuSeconds(): { self: number; children: number } | undefined {
  try {
    // The fields after the command name: utime, stime, cutime, cstime are the 12th to 15th.
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    const { user, system } = process.cpuUsage();
    return { self: (user + system) / 1e6, children: (Number(f[13]) + Number(f[14])) / ticksPerSecond };
  } catch {
    return undefined;
  }
}

/** CPU seconds used between two cpuSeconds readings (this process and its ended children). */
function cpuUsed(a: ReturnType<typeof cpuSeconds>, b: ReturnType<typeof cpuSeconds>): number | undefined {
  return a && b ? b.self - a.self + (b.children - a.children) : undefined;
}

async function encodeFloor(
  video: string,
  fps: number,
): Promise<{ seconds: number; peakMb: number; cpuSeconds: number | undefined }> {
  const { num, den } = fpsFraction(fps);
  const cpu = cpuSeconds();
  const started = performance.now();
  const child = spawn(
    'ffmpeg',
    ['-v', 'error', '-i', video, '-an', ...floorVideoArgs(`${num}/${den}`), '-f', 'null', '-'],
    { stdio: 'ignore' },
  );
  const mem = sampleMemory();
  mem.add(child.pid!, 'floor');
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`floor encode exited ${code}`))));
  });
  const seconds = (performance.now() - started) / 1000;
  return { seconds, peakMb: (mem.stop().get('floor') ?? 0) / 1024, cpuSeconds: cpuUsed(cpu, cpuSeconds()) };
}

interface Row {
  name: string;
  photos: number;
  renderSeconds: number;
  floorSeconds: number;
  ratio: number;
  /** CPU seconds of the render (node and its ffmpegs) and of the floor, where known. */
  renderCpu: number | undefined;
  floorCpu: number | undefined;
  nodePeakMb: number;
  ffmpegPeakMb: number;
  sizeMb: number;
}

async function bench(
  work: string,
  photos: string[],
  music: string,
  name: string,
  count: number,
  preset: string,
): Promise<Row> {
  const dir = path.join(work, `${name}-${count}`);
  await rm(dir, { recursive: true, force: true });
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
    preset,
    fps: 30,
    seconds: 3,
    transition: 'fade',
    transitionMs: 500,
    motion: 'zoom-in',
    music: { id: 'music', durationMs: 40_000 },
    seed: 'bench',
  });
  const output = path.join(dir, 'out.mp4');
  const mem = sampleMemory();
  mem.add(process.pid, 'node');
  let runs = 0;
  const cpu = cpuSeconds();
  const started = performance.now();
  // Every render starts cold: photos decoded and prepared from their files (a fresh cache folder).
  await renderDraft({
    draft,
    assets,
    output,
    cacheDir: path.join(dir, 'cache'),
    onSpawn: (pid) => mem.add(pid, `ffmpeg-${++runs}`),
  });
  const renderSeconds = (performance.now() - started) / 1000;
  const renderCpu = cpuUsed(cpu, cpuSeconds());
  const peaks = mem.stop();
  const floor = await encodeFloor(output, draft.fps);
  const { size } = await stat(output);
  await rm(path.join(dir, 'cache'), { recursive: true, force: true });
  let ffmpegPeak = 0;
  for (const [k, v] of peaks) if (k.startsWith('ffmpeg')) ffmpegPeak = Math.max(ffmpegPeak, v);
  return {
    name,
    photos: count,
    renderSeconds,
    floorSeconds: floor.seconds,
    ratio: renderSeconds / floor.seconds,
    renderCpu,
    floorCpu: floor.cpuSeconds,
    nodePeakMb: (peaks.get('node') ?? 0) / 1024,
    ffmpegPeakMb: ffmpegPeak / 1024,
    sizeMb: size / 1024 / 1024,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Render CPU ÷ floor CPU, when both are known. */
function cpuRatio(r: Row): number | undefined {
  return r.renderCpu !== undefined && r.floorCpu ? r.renderCpu / r.floorCpu : undefined;
}

function line(r: Row): string {
  const c = cpuRatio(r);
  const cpu =
    c === undefined
      ? ''
      : `, CPU ${r.renderCpu!.toFixed(1)} s / ${r.floorCpu!.toFixed(1)} s = ${c.toFixed(2)}`;
  return (
    `${r.name} ${r.photos} photos: render ${r.renderSeconds.toFixed(1)} s, floor ${r.floorSeconds.toFixed(1)} s, ` +
    `ratio ${r.ratio.toFixed(2)}${cpu}, node peak ${r.nodePeakMb.toFixed(0)} MB, ffmpeg peak ${r.ffmpegPeakMb.toFixed(0)} MB, ` +
    `${(r.renderSeconds / r.photos).toFixed(2)} s/photo, ${r.sizeMb.toFixed(1)} MB`
  );
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'photoreel-bench-'));
  console.log(
    `photoreel render benchmark: ${os.cpus().length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, work in ${work}`,
  );
  const { stdout } = await run('ffmpeg', ['-hide_banner', '-version']);
  ticksPerSecond = await run('getconf', ['CLK_TCK'])
    .then((r) => Number(r.stdout.trim()) || 100)
    .catch(() => 100);
  console.log(stdout.split('\n')[0]);
  try {
    const photos = await makePhotos(work);
    const music = await makeMusic(work);
    const rows: Row[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, preset] of [
        ['landscape', 'youtube'],
        ['vertical', 'vertical'],
      ] as const) {
        const row = await bench(work, photos, music, name, 10, preset);
        rows.push(row);
        console.log(`round ${r + 1}: ${line(row)}`);
      }
    }
    let long: Row | undefined;
    if (LONG > 0) {
      long = await bench(work, photos, music, 'landscape', LONG, 'youtube');
      console.log(line(long));
    }
    console.log(
      '\n| workload | rounds | render ÷ encode floor, median (min–max) | render s | floor s | CPU render ÷ floor, median | node peak MB | ffmpeg peak MB | s per photo |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    const groups = [
      ['10 photos 1920x1080', rows.filter((r) => r.name === 'landscape')],
      ['10 photos 1080x1920', rows.filter((r) => r.name === 'vertical')],
      ...(long ? [[`${LONG} photos 1920x1080`, [long]] as const] : []),
    ] as const;
    for (const [label, rs] of groups) {
      if (rs.length === 0) continue;
      const ratios = rs.map((r) => r.ratio);
      const cpus = rs.map(cpuRatio).filter((c): c is number => c !== undefined);
      console.log(
        `| ${label} | ${rs.length} | **${median(ratios).toFixed(2)}** (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}) | ` +
          `${median(rs.map((r) => r.renderSeconds)).toFixed(1)} | ${median(rs.map((r) => r.floorSeconds)).toFixed(1)} | ` +
          `${cpus.length ? median(cpus).toFixed(2) : 'n/a'} | ` +
          `${Math.max(...rs.map((r) => r.nodePeakMb)).toFixed(0)} | ${Math.max(...rs.map((r) => r.ffmpegPeakMb)).toFixed(0)} | ` +
          `${median(rs.map((r) => r.renderSeconds / r.photos)).toFixed(2)} |`,
      );
    }
    console.log(
      '\nratio = render wall time (cold: photos decoded and prepared during the render) / encode floor (ffmpeg ' +
        'decoding the output and re-encoding it with the same x264 settings). CPU: the CPU time of the render (node, ' +
        'all threads, and its ffmpegs) ÷ that of the floor; with 2 cores it can exceed the wall-clock ratio, as the ' +
        'render keeps both busy and the floor leaves some idle. Peak memory: the largest resident ' +
        'size of the node process (main thread, frame workers, photo decoding) and of the encoding ffmpeg.',
    );
  } finally {
    if (process.env.BENCH_KEEP !== '1') await rm(work, { recursive: true, force: true });
  }
}

await main();
