import { z } from 'zod';
import { draftSchema } from '../timeline/draft.ts';
import { videoInfoSchema } from './media.ts';
import { generatedMediaSchema } from './render.ts';

/** A session's state: its draft, its media library (every upload) and its renders. */
export const sessionStateSchema = z.looseObject({
  draft: draftSchema,
  video_infos: z.array(videoInfoSchema).describe('Every file uploaded to the session, in upload order.'),
  generated_media: z.array(generatedMediaSchema).describe('The session’s renders, oldest first.'),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

/** The answer of `GET …/latest` and of `POST …/edits`: `{state}`. */
export const stateAnswerSchema = z.object({ state: sessionStateSchema });
export type StateAnswer = z.infer<typeof stateAnswerSchema>;
