/** The part of Vite's client types the page uses (web/tsconfig.json loads no ambient types). */
interface ImportMeta {
  glob<M = unknown>(pattern: string): Record<string, () => Promise<M>>;
}
