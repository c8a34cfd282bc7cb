import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PhotoreelError } from '../errors.ts';
import { interpret } from '../instruct/interpret.ts';
import type { InstructMedia, InstructResult } from '../instruct/types.ts';
import { slideshowDraft } from '../timeline/build.ts';
import { parseDraft, TRACK_TEXT, type Draft } from '../timeline/draft.ts';
import type { CliIo } from './io.ts';

/** Five photos and a music track: what `explain` edits when no draft is given. */
function exampleProject(): { draft: Draft; media: InstructMedia[] } {
  const media: InstructMedia[] = [
    ...[1, 2, 3, 4, 5].map((n) => ({ id: `photo${n}.jpg`, kind: 'image' as const, name: `photo${n}.jpg` })),
    { id: 'music.m4a', kind: 'audio', name: 'music.m4a', durationMs: 30_000 },
  ];
  const draft = slideshowDraft(
    media.filter((m) => m.kind === 'image').map((m) => ({ id: m.id, kind: 'image' as const })),
    { music: { id: 'music.m4a' } },
  );
  return { draft, media };
}

/** `photoreel explain "<words>" [--draft d.json]`: what the words would do, without rendering. */
export async function explain(text: string, o: { draft?: string }, io: CliIo): Promise<InstructResult> {
  let project = exampleProject();
  if (o.draft) {
    const file = path.resolve(io.cwd, o.draft);
    const raw = await readFile(file, 'utf8').catch(() => {
      throw new PhotoreelError(
        'MEDIA_NOT_FOUND',
        `${o.draft} does not exist: check the path of the draft file.`,
      );
    });
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new PhotoreelError('DRAFT_INVALID', `${o.draft} is not JSON: give a draft saved as JSON.`);
    }
    const draft = parseDraft(json);
    const media = draft.t.flatMap((t) =>
      t.tt === TRACK_TEXT
        ? []
        : t.sg.map((s): InstructMedia => ({
            id: s.src,
            kind: t.tt === 1 ? 'audio' : 'image',
            name: path.basename(s.src),
          })),
    );
    project = { draft, media: [...new Map(media.map((m) => [m.id, m])).values()] };
  }
  return interpret(text, project);
}
