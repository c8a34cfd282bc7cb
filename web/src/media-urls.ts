/**
 * Object URLs of the files the live player draws and plays (GET …/file: photos at 1280 px, clips and music as
 * uploaded), one per media id. The route needs the bearer token, which `<img>`, `<video>` and the player's own
 * fetch cannot send: the page fetches each file with it once and hands the player a `blob:` URL. URLs are
 * revoked when their media leave the draft, and all of them when the page changes session.
 */

export interface MediaUrlsOptions {
  /** Fetches one media id's file with the token. */
  fetchFile(id: string): Promise<Blob>;
  createUrl?(blob: Blob): string;
  revokeUrl?(url: string): void;
}

export class MediaUrls {
  private readonly pending = new Map<string, Promise<string>>();
  private readonly urls = new Map<string, string>();
  private session: string | undefined;
  private readonly create: (blob: Blob) => string;
  private readonly revoke: (url: string) => void;

  constructor(private readonly opts: MediaUrlsOptions) {
    this.create = opts.createUrl ?? ((b) => URL.createObjectURL(b));
    this.revoke = opts.revokeUrl ?? ((u) => URL.revokeObjectURL(u));
  }

  /** The object URL of `id` once loaded (synchronously, for the player's mediaUrl), else undefined. */
  get(id: string): string | undefined {
    return this.urls.get(id);
  }

  /** How many files are held (a test reads it through the page). */
  get size(): number {
    return this.urls.size;
  }

  /** Loads `id`'s file (once; again after a failure); resolves with its object URL. */
  load(id: string): Promise<string> {
    let p = this.pending.get(id);
    if (!p) {
      const session = this.session;
      p = this.opts.fetchFile(id).then((blob) => {
        // Let go in the meantime (left the draft, another session): not kept.
        if (this.pending.get(id) !== p || this.session !== session) throw new Error('no longer wanted');
        const url = this.create(blob);
        this.urls.set(id, url);
        return url;
      });
      p.catch(() => {
        if (this.pending.get(id) === p) this.pending.delete(id);
      });
      this.pending.set(id, p);
    }
    return p;
  }

  /** Keeps the files of `ids` and revokes the others (media that left the draft). */
  keepOnly(ids: ReadonlySet<string>): void {
    for (const id of [...this.pending.keys()]) {
      if (ids.has(id)) continue;
      this.pending.delete(id);
      const url = this.urls.get(id);
      if (url) this.revoke(url);
      this.urls.delete(id);
    }
  }

  /** Revokes everything when the page works on another session than before. */
  useSession(session: string | undefined): void {
    if (session === this.session) return;
    this.session = session;
    this.keepOnly(new Set());
  }
}
