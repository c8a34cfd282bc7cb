import type { ProtocolClient } from './protocol-client.ts';

/** How `photoreel mcp` is started. */
export interface McpOptions {
  /** Drive a running photoreel server through its HTTP API (e.g. http://127.0.0.1:8787). */
  url?: string;
  /** Without `url`: work on this data folder in process (default ./photoreel-data). */
  dataDir?: string;
  /** Folders whose files may be read (uploads) or written (save_to). Default: the current directory. */
  allowedDirs?: string[];
  /** Resolves relative paths and the default allowed folder (default process.cwd()). */
  cwd?: string;
  /** X-Client-Id for the anonymous token: the same id finds the same token (and its projects) again. */
  clientId?: string;
  /** How long `export` waits for the render by default, in seconds (default 50, under common client timeouts). */
  exportWaitSeconds?: number;
  /** How often a waiting export asks for the render's status, in ms (default 500). */
  pollIntervalMs?: number;
  /** Environment for the in-process service's configuration (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** What the tools talk to: one protocol client, and where renders land when the data folder is local. */
export interface Backend {
  mode: 'url' | 'data-dir';
  client: ProtocolClient;
  /**
   * Whether the links the server answers with (download, thumbnails) are served to anyone: true for a server at a
   * URL, or a data folder with PHOTOREEL_PUBLIC_URL; false in process on a data folder (tools answer file paths).
   */
  servesUrls: boolean;
  /** The MP4 behind a completed render's download link, on this machine (data-dir mode only). */
  localRenderPath(downloadUrl: string): Promise<string | undefined>;
  close(): Promise<void>;
}
