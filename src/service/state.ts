import type { Draft } from '../timeline/draft.ts';
import type { ServiceContext } from './context.ts';
import { renderStatus, type ExportStatus } from './exports.ts';
import { ownedSession, sessionDraft } from './sessions.ts';
import { toUploadedFile, type UploadedFile } from './uploads.ts';

export interface VideoInfo extends UploadedFile {
  captured_at: string | null;
  /** Absolute URL of a small JPEG preview (bearer token needed); null for audio. */
  thumbnail_url: string | null;
}

export interface GeneratedMedia extends ExportStatus {
  /** The download link when completed (same as output.url). */
  url: string | null;
  created_at: string;
}

export interface SessionState {
  state: { draft: Draft; video_infos: VideoInfo[]; generated_media: GeneratedMedia[] };
}

/** The session's draft, uploaded media and renders (with status and absolute links). */
export async function getState(
  ctx: ServiceContext,
  tokenHash: string,
  sessionId: string,
  baseUrl: string,
): Promise<SessionState> {
  const session = ownedSession(ctx, tokenHash, sessionId);
  const video_infos = ctx.store.media.list(session.id).map((m) => ({
    ...toUploadedFile(m),
    captured_at: m.capturedAt ?? null,
    thumbnail_url: m.kind === 'audio' ? null : `${baseUrl}/api/media/${session.id}/${m.id}/thumbnail`,
  }));
  const generated_media = await Promise.all(
    ctx.store.renders.listForSession(session.id).map(async (r) => {
      const s = await renderStatus(ctx, r, baseUrl);
      return { ...s, url: s.output.url, created_at: r.createdAt };
    }),
  );
  return { state: { draft: sessionDraft(session), video_infos, generated_media } };
}
