/** Durations, percentages and rates in normalised words. */
export interface Found {
  value: number;
  at: number;
  end: number;
}

const DURATION =
  /(-\s*)?(\d+(?:\.\d+)?)\s*(milliseconds?|millis|ms|毫秒|seconds?|s(?![a-z])|秒钟?|秒|minutes?|mins?|分钟|hours?|hrs?|小时)/g;

/** Every duration, in ms (negative when written with a minus). */
export function findDurations(text: string): Found[] {
  return [...text.matchAll(DURATION)].map((m) => {
    const n = Number(m[2]) * (m[1] ? -1 : 1);
    const unit = m[3] ?? 's';
    const k = /^(?:ms|millis|milliseconds?|毫秒)$/.test(unit)
      ? 1
      : /^(?:minutes?|mins?|分钟)$/.test(unit)
        ? 60000
        : /^(?:hours?|hrs?|小时)$/.test(unit)
          ? 3600000
          : 1000;
    return { value: Math.round(n * k), at: m.index, end: m.index + m[0].length };
  });
}

/** Every percentage as a fraction: "30%" → 0.3, "百分之五十" (already "50%") → 0.5. */
export function findPercents(text: string): Found[] {
  return [...text.matchAll(/(\d+(?:\.\d+)?)\s*(?:%|percent|per cent|pct)/g)].map((m) => ({
    value: Number(m[1]) / 100,
    at: m.index,
    end: m.index + m[0].length,
  }));
}

/** Bare numbers not followed by a unit. */
export function findNumbers(text: string): Found[] {
  return [...text.matchAll(/(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])/g)].map((m) => ({
    value: Number(m[1]),
    at: m.index,
    end: m.index + m[0].length,
  }));
}
