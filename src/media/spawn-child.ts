import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/**
 * The one way photoreel starts a child process (ffmpeg, ffprobe). On Linux the child is started
 * through util-linux `setpriv --pdeathsig SIGKILL`, so the kernel kills it the moment this process
 * dies, even by SIGKILL or a crash: a killed server or worker leaves no ffmpeg running. `setpriv`
 * execs the tool in the same process, so `child.pid` is the tool's pid.
 *
 * Where `setpriv` is missing (or not Linux) the tool is started directly, and children still alive
 * when this process exits normally (signal handlers, `process.exit`) are killed on the way out.
 * A tool that is not on the PATH is also started directly, so callers still see ENOENT.
 */
export function spawnChild(cmd: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const exe = findExecutable(cmd);
  const bound = exe !== undefined && deathSignalWorks();
  const child = bound
    ? spawn(SETPRIV, ['--pdeathsig', 'SIGKILL', '--', exe, ...args], options)
    : spawn(cmd, args, options);
  track(child);
  return child;
}

/** Whether children started by spawnChild die with this process even when it is SIGKILLed. */
export function childrenDieWithParent(): boolean {
  return deathSignalWorks();
}

const SETPRIV = 'setpriv';
let deathSignal: boolean | undefined;

function deathSignalWorks(): boolean {
  if (deathSignal === undefined) {
    deathSignal =
      process.platform === 'linux' &&
      process.env.PHOTOREEL_NO_PDEATHSIG !== '1' &&
      findExecutable(SETPRIV) !== undefined &&
      spawnSync(SETPRIV, ['--pdeathsig', 'SIGKILL', '--', 'true'], { stdio: 'ignore', timeout: 5000 })
        .status === 0;
  }
  return deathSignal;
}

const found = new Map<string, string | undefined>();

/** `cmd` resolved like the shell does (a path is checked as is), or undefined when nothing runnable is there. */
function findExecutable(cmd: string): string | undefined {
  const key = `${cmd}\0${process.env.PATH ?? ''}`;
  if (found.has(key)) return found.get(key);
  const candidates = cmd.includes('/')
    ? [path.resolve(cmd)]
    : (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin')
        .split(path.delimiter)
        .filter(Boolean)
        .map((dir) => path.join(dir, cmd));
  let hit: string | undefined;
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      hit = c;
      break;
    } catch {
      // next
    }
  }
  // A missing tool is not cached: it may be installed while the server runs.
  if (hit !== undefined) found.set(key, hit);
  return hit;
}

const live = new Set<ChildProcess>();
let exitHook = false;

function track(child: ChildProcess): void {
  live.add(child);
  const forget = (): void => void live.delete(child);
  child.once('exit', forget);
  child.once('error', forget);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const c of live) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    });
  }
}
