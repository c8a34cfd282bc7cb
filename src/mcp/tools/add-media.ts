import { z } from 'zod';
import type { ToolModule } from './context.ts';
import { filesInput, mediaSchema, ok, projectId, requireMedia, urlsInput } from './shared.ts';

/** `add_media`: more photos, clips or music for a project (they join the video when an instruction says so). */
export const addMediaTool: ToolModule = {
  name: 'add_media',
  register(server, ctx) {
    server.registerTool(
      'add_media',
      {
        title: 'Add media to a project',
        description:
          'Adds photos, clips or music (local paths, folders or http(s) URLs) to a project. They join the video when an ' +
          'instruction puts them there (e.g. "add the new photos at the end", "use the new song").',
        inputSchema: { project_id: projectId, files: filesInput, urls: urlsInput },
        outputSchema: { project_id: z.string(), added: z.array(mediaSchema), media_count: z.number() },
        annotations: { openWorldHint: true },
      },
      ({ project_id, files, urls }) =>
        ctx.run(async () => {
          requireMedia(files, urls);
          await ctx.state(project_id); // a missing project fails before any upload
          const added = await ctx.upload(project_id, files, urls);
          const state = await ctx.state(project_id);
          return ok(`Added ${added.length} file${added.length === 1 ? '' : 's'} to project ${project_id}.`, {
            project_id,
            added,
            media_count: state.video_infos.length,
          });
        }),
    );
  },
};
