import cliProgress from 'cli-progress';
import type { RenderProgress } from '../render/types.ts';
import type { CliIo } from './io.ts';

export type ProgressMode = 'bar' | 'lines' | 'json';

export interface ProgressReporter {
  update(p: RenderProgress): void;
  stop(): void;
}

export function progressMode(io: CliIo, json: boolean): ProgressMode {
  if (json) return 'json';
  return io.stderr.isTTY ? 'bar' : 'lines';
}

function formatEta(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '…';
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/**
 * A progress bar with percentage and time left on a terminal, a plain line every 10% when
 * the output is not a terminal, and JSON lines on stdout with --json.
 */
export function createProgress(io: CliIo, mode: ProgressMode, label: string): ProgressReporter {
  if (mode === 'json') {
    let last = -1;
    return {
      update(p) {
        const pct = Math.floor(p.fraction * 100);
        if (pct === last) return;
        last = pct;
        io.stdout.write(
          `${JSON.stringify({ type: 'progress', fraction: Number(p.fraction.toFixed(3)), etaMs: p.etaMs ?? null })}\n`,
        );
      },
      stop() {},
    };
  }
  if (mode === 'lines') {
    let lastDecile = -1;
    return {
      update(p) {
        const decile = Math.floor(p.fraction * 10);
        if (decile === lastDecile) return;
        lastDecile = decile;
        io.stderr.write(`${label} ${decile * 10}% (${formatEta(p.etaMs)} left)\n`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr,
      format: `${label} [{bar}] {percentage}% | {eta_text} left`,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { eta_text: '…' });
  return {
    update(p) {
      bar.update(Math.round(p.fraction * 100), { eta_text: formatEta(p.etaMs) });
    },
    stop() {
      bar.stop();
    },
  };
}
