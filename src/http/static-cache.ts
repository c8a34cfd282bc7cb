/** A file name with a content hash from the Vite build: `assets/main-D2I_Hec2.js`, `assets/main-90aDGCTg.css`. */
const HASHED = /(^|[\\/])assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.(br|gz))?$/;

/** A year: the longest a cache keeps a response (RFC 9111 suggests no more). */
const YEAR_S = 365 * 24 * 3600;

/**
 * The Cache-Control of a file of the built page: hashed assets never change under their name, so caches keep them
 * a year without asking again (`immutable`); everything else (index.html, which names the current assets) is
 * revalidated on every load (`no-cache`, answered 304 by its ETag when it did not change).
 */
export function staticCacheControl(file: string): string {
  return HASHED.test(file) ? `public, max-age=${YEAR_S}, immutable` : 'no-cache';
}
