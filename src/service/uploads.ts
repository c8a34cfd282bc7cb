import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PhotoreelError, isPhotoreelError } from '../errors.ts';
import { inspectMedia } from '../media/inspect.ts';
import type { MediaFile } from '../protocol/media.ts';
import type { MediaRow } from '../store/media-repo.ts';
import type { BodyDeadline } from './body-deadline.ts';
import type { ServiceContext } from './context.ts';
import { newId } from './ids.ts';
import { sanitizeLabel } from './sanitize-label.ts';

/** One file as the protocol answers it (the wire type of src/protocol). */
export type UploadedFile = MediaFile;

export interface IncomingFile {
  /** The client's name for it: kept only as a sanitised label. */
  filename?: string | undefined;
  stream: Readable;
}

export function maxUploadBytes(ctx: ServiceContext): number {
  return Math.floor(ctx.config.maxUploadMb * 1024 * 1024);
}

export function toUploadedFile(m: MediaRow): UploadedFile {
  return {
    id: m.id,
    name: m.label,
    kind: m.kind,
    mime: m.mime,
    size: m.size,
    width: m.width ?? null,
    height: m.height ?? null,
    duration_ms: m.durationMs ?? null,
  };
}

function tooLarge(ctx: ServiceContext, label: string): PhotoreelError {
  return new PhotoreelError(
    'FILE_TOO_LARGE',
    `${label} is larger than this server's limit of ${ctx.config.maxUploadMb} MB: compress or trim it and try again.`,
    { limitBytes: maxUploadBytes(ctx) },
  );
}

/** Counts bytes as they pass and fails the stream the moment they exceed `max`; `onBytes` hears of each chunk. */
function byteLimit(max: number, onExceed: () => Error, onBytes: () => void = () => {}): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      onBytes();
      seen += chunk.length;
      if (seen > max) done(onExceed());
      else done(null, chunk);
    },
  });
}

/** Uploads of one request: files land under temporary names, become media only when all of them are good. */
export class UploadBatch {
  private readonly staged: MediaRow[] = [];
  private readonly temps = new Set<string>();
  private readonly dir: string;

  /** `deadline`: the request's body deadline; a file still arriving when it passes fails with REQUEST_TIMEOUT. */
  constructor(
    private readonly ctx: ServiceContext,
    private readonly sessionId: string,
    private readonly deadline?: BodyDeadline,
  ) {
    this.dir = path.join(ctx.config.dataDir, 'uploads', sessionId);
  }

  /**
   * Streams one file to disk (never buffered whole), at most the size limit (FILE_TOO_LARGE, partial file removed),
   * then checks its type by content (UNSUPPORTED_TYPE / FILE_DAMAGED) and renames it to its server id.
   */
  async add(stream: Readable, clientName: string | undefined, fallbackLabel = 'file'): Promise<void> {
    const { ctx } = this;
    const label = sanitizeLabel(clientName, fallbackLabel);
    await mkdir(this.dir, { recursive: true });
    // The pid in the name lets a restarted server tell a dead upload's file from a live one's.
    const tmp = path.join(this.dir, `.incoming-${process.pid}-${newId('', 8)}`);
    this.temps.add(tmp);
    const max = maxUploadBytes(ctx);
    try {
      const deadline = this.deadline;
      await pipeline(
        stream,
        byteLimit(
          max,
          () => tooLarge(ctx, label),
          () => deadline?.touch(),
        ),
        createWriteStream(tmp, { flags: 'wx' }),
        ...(deadline ? [{ signal: deadline.signal }] : []),
      ).catch((e: unknown) => {
        throw deadline?.signal.aborted ? (deadline.signal.reason as Error) : e;
      });
      const info = await inspectMedia(tmp, { maxBytes: max });
      const id = newId('a_', 8);
      const rel = path.posix.join('uploads', this.sessionId, `${id}.${info.ext}`);
      await rename(tmp, path.join(ctx.config.dataDir, rel));
      this.temps.delete(tmp);
      this.staged.push({
        id,
        sessionId: this.sessionId,
        kind: info.kind,
        mime: info.mime,
        ext: info.ext,
        size: info.size,
        ...(info.width !== undefined ? { width: info.width } : {}),
        ...(info.height !== undefined ? { height: info.height } : {}),
        ...(info.durationMs !== undefined ? { durationMs: Math.round(info.durationMs) } : {}),
        label,
        path: rel,
        ...(info.capturedAt ? { capturedAt: info.capturedAt } : {}),
        info,
        createdAt: ctx.now().toISOString(),
      });
    } catch (e) {
      stream.resume();
      await rm(tmp, { force: true });
      this.temps.delete(tmp);
      if (
        isPhotoreelError(e, 'FILE_TOO_LARGE') ||
        isPhotoreelError(e, 'UNSUPPORTED_TYPE') ||
        isPhotoreelError(e, 'FILE_DAMAGED')
      ) {
        throw new PhotoreelError(
          e.key,
          e.message.includes(label) ? e.message : `${label}: ${e.message}`,
          e.details,
        );
      }
      throw e;
    }
  }

  get count(): number {
    return this.staged.length;
  }

  /** Adds every staged file to the session's media in one transaction. */
  commit(): UploadedFile[] {
    this.ctx.store.media.insertAll(this.staged);
    return this.staged.map(toUploadedFile);
  }

  /** Removes whatever this batch wrote (after a failure). */
  async discard(): Promise<void> {
    const files = [...this.temps, ...this.staged.map((m) => path.join(this.ctx.config.dataDir, m.path))];
    this.staged.length = 0;
    this.temps.clear();
    await Promise.all(files.map((f) => rm(f, { force: true })));
  }
}

/** `promise`, or the signal's reason once it aborts (the promise is then left to settle unheard). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  promise.catch(() => {});
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e as Error);
      },
    );
  });
}

/** Receives a multipart upload: every file or none (a bad one discards the others of the same request). */
export async function receiveFiles(
  ctx: ServiceContext,
  sessionId: string,
  files: AsyncIterable<IncomingFile>,
  deadline?: BodyDeadline,
): Promise<UploadedFile[]> {
  const batch = new UploadBatch(ctx, sessionId, deadline);
  const parts = files[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await untilAborted(parts.next(), deadline?.signal);
      if (next.done) break;
      await batch.add(next.value.stream, next.value.filename);
    }
    if (batch.count === 0) {
      throw new PhotoreelError(
        'BAD_REQUEST',
        'No file came with the upload: send one or more multipart parts named "files".',
      );
    }
    return batch.commit();
  } catch (e) {
    await batch.discard();
    throw e;
  }
}
