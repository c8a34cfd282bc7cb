/** What the export box says while a video renders: time left, and whether the timeline changed since. */

/**
 * Seconds left from the progress seen so far: elapsed × (1 − p) / p, once the render has shown enough progress
 * to judge (p ≥ 3% and 1.5 s of rendering); undefined before.
 */
export function secondsLeft(progress: number, elapsedMs: number): number | undefined {
  if (!(progress >= 0.03) || elapsedMs < 1500 || progress >= 1) return undefined;
  return Math.max(1, Math.round(((elapsedMs / 1000) * (1 - progress)) / progress));
}

/** "45 s", "2 min 05 s". */
export function formatDuration(seconds: number, lang: 'en' | 'zh'): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (lang === 'zh') return m ? `${m} 分 ${rest} 秒` : `${rest} 秒`;
  return m ? `${m} min ${String(rest).padStart(2, '0')} s` : `${rest} s`;
}

/** A stable fingerprint of a draft's JSON (key order kept as the server writes it): FNV-1a, hex. */
export function draftFingerprint(draft: unknown): string {
  const text = JSON.stringify(draft ?? null);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
