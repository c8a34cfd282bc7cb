import { z } from 'zod';
import { isPhotoreelError, PhotoreelError } from '../../errors.ts';
import type { ToolModule } from './context.ts';
import { filesInput, mediaSchema, ok, requireMedia, summaryOf, urlsInput } from './shared.ts';

/** The first instruction of a project created without one. */
const DEFAULT_FIRST = { en: 'turn these photos into a slideshow', zh: '把这些照片做成幻灯片视频' } as const;

const KIND_WORDS = { image: 'photo', video: 'clip', audio: 'audio file' } as const;

/** `create_project`: a session from local files and/or URLs, made into a slideshow (or what `instruction` says). */
export const createProjectTool: ToolModule = {
  name: 'create_project',
  register(server, ctx) {
    server.registerTool(
      'create_project',
      {
        title: 'Create a video project',
        description:
          'Starts a project from local photos, clips and music (paths or folders) and/or http(s) URLs, and returns its id and ' +
          'media. The photos and clips become a slideshow in upload order (with the music, if any), or give `instruction` to ' +
          'say at once what to make (e.g. "a vertical slideshow with fades and music, 2 seconds each").',
        inputSchema: {
          files: filesInput,
          urls: urlsInput,
          instruction: z
            .string()
            .min(1)
            .max(2000)
            .optional()
            .describe(
              'A first instruction, as for the instruct tool (default: "turn these photos into a slideshow"; 1 credit).',
            ),
          language: z
            .enum(['en', 'zh'])
            .optional()
            .describe(
              'Language of the project and its default first instruction (default en); replies follow the language of each instruction.',
            ),
        },
        outputSchema: {
          project_id: z.string(),
          media: z.array(mediaSchema),
          reply: z.string().optional(),
          summary: z.string(),
        },
        annotations: { openWorldHint: true },
      },
      ({ files, urls, instruction, language }) =>
        ctx.run(async () => {
          requireMedia(files, urls);
          const { client } = await ctx.getBackend();
          const sessionId = await client.createSession(language);
          const media = await ctx.upload(sessionId, files, urls);
          let reply: string | undefined;
          // Uploads join the video only when an instruction puts them there: start with a slideshow of them.
          const first =
            instruction ??
            (media.some((m) => m.kind !== 'audio') ? DEFAULT_FIRST[language ?? 'en'] : undefined);
          if (first) {
            try {
              reply = (await client.instruct(sessionId, first)).reply;
            } catch (e) {
              // The project and its media exist: say so, so the agent can go on with it once the cause is fixed.
              if (!isPhotoreelError(e)) throw e;
              throw new PhotoreelError(
                e.key,
                `${e.message} (Project ${sessionId} was created with its media; instruct it once this is fixed.)`,
                { ...e.details, project_id: sessionId },
              );
            }
          }
          const state = await ctx.state(sessionId);
          const summary = summaryOf(state.draft, state.video_infos);
          const counts = (['image', 'video', 'audio'] as const)
            .map((k) => [k, media.filter((m) => m.kind === k).length] as const)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => `${n} ${KIND_WORDS[k]}${n === 1 ? '' : 's'}`)
            .join(', ');
          const text = `Project ${sessionId} created with ${counts || 'no media'}.${reply ? `\n${reply}` : `\n${summary}`}`;
          return ok(text, {
            project_id: sessionId,
            media,
            ...(reply !== undefined ? { reply } : {}),
            summary,
          });
        }),
    );
  },
};
