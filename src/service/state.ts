import type { GeneratedMedia, VideoInfo } from '../protocol/index.ts';
import type { StateAnswer } from '../protocol/session-state.ts';
import type { ServiceContext } from './context.ts';
import { renderStatus } from './exports.ts';
import { ownedSession, sessionDraft } from './sessions.ts';
import { toUploadedFile } from './uploads.ts';

export type { GeneratedMedia, VideoInfo };
/** The answer of GET …/latest (the protocol's wire type). */
export type SessionState = StateAnswer;

/** The session's draft, uploaded media and renders (with status and absolute links). */
export async function getState(
  ctx: ServiceContext,
  tokenHash: string,
  sessionId: string,
  baseUrl: string,
): Promise<SessionState> {
  const session = ownedSession(ctx, tokenHash, sessionId);
  const video_infos = ctx.store.media.list(session.id).map((m): VideoInfo => ({
    ...toUploadedFile(m),
    captured_at: m.capturedAt ?? null,
    thumbnail_url: m.kind === 'audio' ? null : `${baseUrl}/api/media/${session.id}/${m.id}/thumbnail`,
  }));
  const generated_media = await Promise.all(
    ctx.store.renders.listForSession(session.id).map(async (r): Promise<GeneratedMedia> => {
      const s = await renderStatus(ctx, r, baseUrl);
      return { ...s, url: s.output.url, created_at: r.createdAt };
    }),
  );
  return { state: { draft: sessionDraft(session), video_infos, generated_media } };
}
