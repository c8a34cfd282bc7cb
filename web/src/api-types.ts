import type { Draft } from '../../src/timeline/draft.ts';

export type { Draft };

/** The `{code, message, data}` envelope of every JSON answer (spec/api.md). */
export interface Envelope<T> {
  code: number;
  message: string;
  data: T | null;
}

/** One uploaded file, as the upload answer and `video_infos` describe it. */
export interface MediaInfo {
  id: string;
  name: string;
  kind: 'image' | 'video' | 'audio';
  mime?: string;
  size?: number;
  width?: number | null;
  height?: number | null;
  duration_ms?: number | null;
}

export interface RenderInfo {
  id: string;
  status: 'queued' | 'rendering' | 'completed' | 'failed';
  progress?: number;
  output?: { url?: string } | null;
  error?: { code?: number; message?: string } | string | null;
  /** In `generated_media`: the download link when completed, and when the render was asked for. */
  url?: string | null;
  created_at?: string;
}

export interface SessionState {
  draft: Draft | null;
  video_infos: MediaInfo[];
  generated_media: RenderInfo[];
}

export interface Balance {
  available: number;
  frozen: number;
  total: number;
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
