import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../src/errors.ts';
import { interpret } from '../../src/instruct/interpret.ts';
import type { InstructMedia } from '../../src/instruct/types.ts';
import { slideshowDraft } from '../../src/timeline/build.ts';
import { openInProcessApp, type InProcessApp } from '../../src/mcp/open-backend.ts';

const skill = readFileSync(new URL('../../skills/photoreel/SKILL.md', import.meta.url), 'utf8');

/** `METHOD /path` pairs the file names; `<param>` placeholders become route parameters. */
function endpoints(text: string): { method: string; url: string }[] {
  const found = new Map<string, { method: string; url: string }>();
  for (const m of text.matchAll(/\b(GET|POST|PUT|PATCH|DELETE|HEAD) (\/[A-Za-z0-9_\-/<>.:]+)/g)) {
    const url = m[2]!.replace(/<([a-z_]+)>/gi, ':$1').replace(/[.:]$/, '');
    found.set(`${m[1]} ${url}`, { method: m[1]!, url });
  }
  return [...found.values()];
}

/** Every path the file shows, in prose or in curl lines ($BASE/...). */
function paths(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?:\$BASE|\s|`)(\/(?:api\/|run_sse)[A-Za-z0-9_\-/<>$]*)/g)) {
    found.add(m[1]!.replace(/<([a-z_]+)>/gi, ':$1').replace(/\$[A-Z]+/g, ':param'));
  }
  return [...found];
}

/** Every error code the file names: the first column of its tables and `code N` mentions. */
function codes(text: string): number[] {
  const found = new Set<number>();
  for (const m of text.matchAll(/^\| (\d{3,4}) \|/gm)) found.add(Number(m[1]));
  for (const m of text.matchAll(/\b(?:code|error) (\d{3,4})\b/g)) found.add(Number(m[1]));
  return [...found].sort((a, b) => a - b);
}

/** The example instructions of the "Things that can be said" list: every quoted phrase, and the Chinese one. */
function phrases(text: string): string[] {
  const section = text.slice(text.indexOf('Things that can be said'), text.indexOf('## 5.'));
  const found = [...section.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  const zh = /\(compound[^:]*: ([^)]+)\)/.exec(section)?.[1];
  return zh ? [...found, zh] : found;
}

describe('skills/photoreel/SKILL.md', () => {
  let dir: string;
  let app: InProcessApp;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'photoreel-skill-'));
    app = await openInProcessApp({ dataDir: dir, env: {} });
    await app.app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('has YAML front matter with a name and a description', () => {
    const front = /^---\n([\s\S]*?)\n---\n/.exec(skill)?.[1];
    expect(front).toBeDefined();
    expect(front).toMatch(/^name: photoreel$/m);
    expect(front).toMatch(/^description: .{40,}$/m);
  });

  /** Asks the app's router: any answer but the catalog's NOT_FOUND means the route exists (no token is sent). */
  async function exists(method: string, url: string): Promise<boolean> {
    const concrete = url.replace(/:[A-Za-z_]+/g, 'x');
    const res = await app.app.inject({ method: method as 'GET', url: concrete });
    return (res.json() as { code: number }).code !== catalog.NOT_FOUND.code;
  }

  it('names only endpoints the server has', async () => {
    const named = endpoints(skill);
    expect(named.length).toBeGreaterThanOrEqual(8);
    for (const e of named) expect(await exists(e.method, e.url), `${e.method} ${e.url}`).toBe(true);
    expect(await exists('GET', '/api/no/such/endpoint')).toBe(false); // the check can fail
  });

  it('shows only paths the server has, in prose and in curl lines', async () => {
    const shown = paths(skill);
    expect(shown.length).toBeGreaterThanOrEqual(6);
    for (const url of shown) {
      const found = (await exists('GET', url)) || (await exists('POST', url));
      expect(found, url).toBe(true);
    }
  });

  it('names only error codes of the catalog, and every code the HTTP protocol answers', () => {
    const named = codes(skill);
    const known = new Set<number>(Object.values(catalog).map((e) => e.code));
    for (const code of named) expect(known.has(code), `code ${code}`).toBe(true);
    for (const code of [400, 402, 429, 1001, 1002, 2001, 4001, 4002]) expect(named).toContain(code);
  });

  it('gives each code the HTTP status the catalog gives it', () => {
    for (const m of skill.matchAll(/^\| (\d{3,4}) \| (\d{3}) \|/gm)) {
      const entry = Object.values(catalog).find((e) => e.code === Number(m[1]));
      expect(entry?.status, `code ${m[1]}`).toBe(Number(m[2]));
    }
  });

  it('teaches only instructions the engine understands', () => {
    const media: InstructMedia[] = [1, 2, 3, 4, 5].map((i) => ({
      id: `a${i}`,
      kind: 'image',
      name: `0${i}.jpg`,
    }));
    media.push({ id: 'm1', kind: 'audio', name: 'music.m4a', durationMs: 12_000 });
    const made = interpret('turn these photos into a slideshow with music', {
      draft: slideshowDraft([]),
      media,
    });
    const titled = interpret("add the title 'Porto'", { draft: made.draft, media, history: made.history });
    const examples = phrases(skill);
    expect(examples.length).toBeGreaterThanOrEqual(30);
    for (const text of examples) {
      const result = interpret(text, { draft: titled.draft, media, history: titled.history });
      expect(result.notUnderstood, text).toEqual([]);
    }
  });
});
