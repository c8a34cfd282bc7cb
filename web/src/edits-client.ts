/**
 * The page's calls beside api-client.ts: structured edits (POST …/edits, one undo step, no credits), undo and
 * redo (POST …/undo, …/redo, no credits), the media files the live player draws and plays (GET …/file) and
 * cancelling an export (DELETE on the render id). They use the token and session the ApiClient keeps in storage.
 */
import type { ApiClient } from './api-client.ts';
import { ApiError, type Envelope, type SessionState } from './api-types.ts';
import type { EditJSON } from './edit-builders.ts';

const KEY_TOKEN = 'photoreel.token';

async function envelope<T>(res: Response): Promise<T> {
  let body: Envelope<T> | undefined;
  try {
    body = (await res.json()) as Envelope<T>;
  } catch {
    throw new ApiError(res.status, res.status, `The server answered ${res.status} without a readable body.`);
  }
  if (!res.ok || body.code !== 0) throw new ApiError(body.code || res.status, res.status, body.message);
  return body.data as T;
}

export class EditsClient {
  constructor(
    private readonly api: () => ApiClient,
    private readonly store: Pick<Storage, 'getItem'> = localStorage,
    private readonly base = location.origin,
  ) {}

  private async call(path: (sid: string) => string, init: RequestInit): Promise<Response> {
    const api = this.api();
    const sid = await api.ready();
    const send = () => {
      const headers = new Headers(init.headers);
      headers.set('Authorization', `Bearer ${this.store.getItem(KEY_TOKEN) ?? ''}`);
      return fetch(new URL(path(sid), this.base), { ...init, headers });
    };
    let res = await send();
    if (res.status === 401) {
      // An expired token: any ApiClient call renews it; then once more.
      await api.balance().catch(() => undefined);
      res = await send();
    }
    return res;
  }

  /** Applies `edits` to the session's draft as one undo step; answers the new state. */
  async apply(edits: readonly EditJSON[]): Promise<SessionState> {
    const body = JSON.stringify({ edits });
    const res = await this.call((sid) => `/api/state/nemo_agent/me/${encodeURIComponent(sid)}/edits`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      // A change made just before the page is closed still arrives (browsers allow keepalive up to 64 KB).
      keepalive: body.length < 60_000,
    });
    const data = await envelope<{ state: SessionState }>(res);
    return data.state;
  }

  /** Undoes the newest step of the session's history (or redoes the newest undone one): free; answers the state. */
  async step(which: 'undo' | 'redo'): Promise<SessionState> {
    const res = await this.call((sid) => `/api/state/nemo_agent/me/${encodeURIComponent(sid)}/${which}`, {
      method: 'POST',
    });
    const data = await envelope<{ state: SessionState }>(res);
    return data.state;
  }

  /**
   * An uploaded file for the live player (GET …/file: clips and music as uploaded, photos as a JPEG of at most
   * `size` px), fetched with the token: `<img>`, `<video>` and the player's fetch cannot send it themselves.
   */
  async mediaFile(mediaId: string, size?: number): Promise<Blob> {
    const query = size ? `?size=${size}` : '';
    const res = await this.call(
      (sid) => `/api/media/${encodeURIComponent(sid)}/${encodeURIComponent(mediaId)}/file${query}`,
      {},
    );
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as Envelope<unknown> | null;
      throw new ApiError(
        body?.code || res.status,
        res.status,
        body?.message ?? `No file (HTTP ${res.status}).`,
      );
    }
    return res.blob();
  }

  /** Cancels an export. Resolves false when this server has no cancel route (404 without a catalog code). */
  async cancelRender(id: string): Promise<boolean> {
    const res = await this.call(() => `/api/render/proxy/lambda/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
    if (res.status === 404) {
      const body = (await res.json().catch(() => null)) as Envelope<unknown> | null;
      if (!body || body.code === 404 || !body.code) return false;
      throw new ApiError(body.code, res.status, body.message);
    }
    await envelope<unknown>(res);
    return true;
  }
}
