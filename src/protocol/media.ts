import { z } from 'zod';

export const MEDIA_KINDS = ['image', 'video', 'audio'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** One uploaded file, as the upload answer lists it: `id` is what a draft's `src` names. */
export const mediaFileSchema = z.looseObject({
  id: z.string().describe('Server id of the file (a_<hex>): what a draft item’s src names.'),
  name: z.string().describe('The client’s file name, kept only as a label.'),
  kind: z.enum(MEDIA_KINDS).describe('image (photo), video (clip) or audio (music).'),
  mime: z.string(),
  size: z.int().min(0).describe('Bytes.'),
  width: z.int().nullable().describe('Pixels, as displayed (after EXIF rotation); null for audio.'),
  height: z.int().nullable(),
  duration_ms: z.int().nullable().describe('Length of a clip or music in ms; null for photos.'),
});
export type MediaFile = z.infer<typeof mediaFileSchema>;

/** One file of the session state's media library (`video_infos`): every upload, used by the draft or not. */
export const videoInfoSchema = mediaFileSchema.extend({
  captured_at: z.string().nullable().describe('When the photo or clip was taken (ISO 8601), when known.'),
  thumbnail_url: z
    .string()
    .nullable()
    .describe('Absolute URL of a small JPEG preview (bearer token needed); null for audio.'),
});
export type VideoInfo = z.infer<typeof videoInfoSchema>;

/** The upload answer: the files of the request, in order. */
export const uploadAnswerSchema = z.object({ files: z.array(mediaFileSchema) });
export type UploadAnswer = z.infer<typeof uploadAnswerSchema>;

/** Long sides (pixels) a photo's preview may be asked at (`GET /api/media/:sessionId/:id/file?size=`). */
export const MEDIA_PREVIEW_SIZES = [640, 1280, 1920] as const;
/** The preview's long side when no size is asked: what the page's live player draws from. */
export const DEFAULT_MEDIA_PREVIEW_SIZE = 1280;
