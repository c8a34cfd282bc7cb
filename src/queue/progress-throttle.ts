/** Progress reports, written at most once per interval; the latest value always lands. */
export interface ProgressThrottle {
  report(fraction: number): void;
  /** Writes a pending value now (if any) and stops the timer. */
  flush(): Promise<void>;
  /** Drops a pending value and stops the timer. */
  cancel(): void;
}

export function clampFraction(fraction: number): number {
  if (!Number.isFinite(fraction)) return 0;
  return Math.min(1, Math.max(0, fraction));
}

export function createProgressThrottle(
  write: (fraction: number) => void | Promise<void>,
  intervalMs: number,
  onError: (err: unknown) => void,
): ProgressThrottle {
  let lastWrite = 0;
  let pending: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let last: number | undefined;
  let inflight: Promise<void> = Promise.resolve();

  const doWrite = (): void => {
    timer = undefined;
    if (pending === undefined) return;
    const value = pending;
    pending = undefined;
    lastWrite = Date.now();
    last = value;
    inflight = inflight.then(() => write(value)).catch(onError);
  };

  return {
    report(fraction) {
      const value = clampFraction(fraction);
      if (value === last && pending === undefined) return;
      pending = value;
      if (timer) return;
      const wait = lastWrite + intervalMs - Date.now();
      if (wait <= 0) doWrite();
      else timer = setTimeout(doWrite, wait);
    },
    async flush() {
      if (timer) clearTimeout(timer);
      doWrite();
      await inflight;
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}
