/**
 * The page's names for the protocol's wire types: all of them come from the one protocol module
 * (src/protocol), the same zod schemas the server answers with and the MCP client reads.
 */
import type {
  Balance,
  Envelope,
  ExportStarted,
  GeneratedMedia,
  MediaFile,
  SessionState as WireSessionState,
  VideoInfo,
} from '../../src/protocol/index.ts';
import type { Draft } from '../../src/timeline/draft.ts';

export type { Balance, Draft, Envelope };

/** One uploaded file: the upload answer's fields, plus the media library's when it came from the state. */
export type MediaInfo = MediaFile & Partial<Pick<VideoInfo, 'captured_at' | 'thumbnail_url'>>;

/** A render: what posting an export answers, and what its status and `generated_media` add. */
export type RenderInfo = ExportStarted &
  Partial<Pick<GeneratedMedia, 'progress' | 'output' | 'error' | 'url' | 'created_at'>>;

/** The session state as the page keeps it (`draft` is null before the first answer). */
export interface SessionState {
  draft: WireSessionState['draft'] | null;
  video_infos: MediaInfo[];
  generated_media: RenderInfo[];
}

/** A failed call: the envelope's code, the HTTP status and the server's sentence. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
