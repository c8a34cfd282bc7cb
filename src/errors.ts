/**
 * The one error catalog. Every failure a user can see carries one of these codes.
 * HTTP answers use `status`; the CLI and MCP print `code` and `message`.
 * Branch on `code` (or the catalog key), never on message text.
 * Each code is documented in docs/errors.md; a test fails when one is missing there.
 */
export const catalog = {
  BAD_REQUEST: {
    code: 400,
    status: 400,
    message: 'The request is malformed: check the fields against the API documentation and try again.',
  },
  EXPORT_BLOCKED: {
    code: 402,
    status: 402,
    message:
      'Export is blocked by this server’s policy: send the X-Skill-Source, X-Skill-Version and X-Skill-Platform headers.',
  },
  RATE_LIMITED: {
    code: 429,
    status: 429,
    message: 'Too many requests: wait for the time in the Retry-After header, then try once more.',
  },
  TOKEN_INVALID: {
    code: 1001,
    status: 401,
    message: 'The token is missing, invalid or expired: get a new anonymous token.',
  },
  SESSION_NOT_FOUND: {
    code: 1002,
    status: 404,
    message: 'This session does not exist: create a new session.',
  },
  OUT_OF_CREDITS: {
    code: 2001,
    status: 402,
    message: 'You are out of credits: get a new token or ask the server operator for more credits.',
  },
  UNSUPPORTED_TYPE: {
    code: 4001,
    status: 415,
    message:
      'This file type is not supported: use jpg, png, webp, gif, heic, bmp, mp4, mov, avi, webm, mkv, mp3, wav, m4a or aac.',
  },
  FILE_TOO_LARGE: {
    code: 4002,
    status: 413,
    message: 'The file is too large: compress or trim it below the size limit and try again.',
  },
  FILE_DAMAGED: {
    code: 4003,
    status: 422,
    message: 'The file is damaged or truncated and cannot be read: export it again from its source.',
  },
  MEDIA_NOT_FOUND: {
    code: 4004,
    status: 404,
    message: 'The media file was not found: upload it (or check the path) and try again.',
  },
  PATH_NOT_ALLOWED: {
    code: 4005,
    status: 403,
    message:
      'This path is outside the folders photoreel may read or write: move the file into an allowed folder, or allow its folder.',
  },
  DRAFT_INVALID: {
    code: 4100,
    status: 400,
    message: 'The draft is not valid: fix the named field and try again.',
  },
  DRAFT_TOO_NEW: {
    code: 4101,
    status: 400,
    message: 'This draft was written by a newer version of photoreel: upgrade photoreel to open it.',
  },
  EDIT_INVALID: {
    code: 4102,
    status: 400,
    message:
      'This edit does not fit the draft (an item or text that does not exist): check the numbers and try again.',
  },
  DRAFT_TOO_LARGE: {
    code: 4103,
    status: 413,
    message:
      'The draft is over this server’s limits (size, items or text length): make it smaller, or split the video.',
  },
  RENDER_NOT_FOUND: {
    code: 4200,
    status: 404,
    message: 'No render with this id exists: start an export first.',
  },
  RENDER_FAILED: {
    code: 5001,
    status: 500,
    message: 'The render failed: the log tail in the details says why; fix the input and export again.',
  },
  RENDER_CANCELLED: {
    code: 5002,
    status: 499,
    message: 'The render was cancelled before it finished; nothing was written.',
  },
  SERVER_UNREACHABLE: {
    code: 5004,
    status: 502,
    message: 'The photoreel server cannot be reached: start it with `npx photoreel serve` or check its URL.',
  },
  QUEUE_UNAVAILABLE: {
    code: 5005,
    status: 503,
    message:
      'The render queue cannot be reached: check that Redis (or the data folder) is available, then try again.',
  },
  REQUEST_TIMEOUT: {
    code: 408,
    status: 408,
    message:
      'The request body came too slowly or stalled: send it again over a faster connection, or send less at a time.',
  },
  RANGE_NOT_SATISFIABLE: {
    code: 416,
    status: 416,
    message:
      'The requested byte range is outside the file: ask for a range within its size (see Content-Range).',
  },
  SERVICE_UNHEALTHY: {
    code: 5006,
    status: 503,
    message: 'The server cannot work right now: the details name the unhealthy part (database, data folder).',
  },
  NOT_FOUND: {
    code: 404,
    status: 404,
    message: 'There is no such endpoint: check the path and method against the API documentation.',
  },
  INTERNAL_ERROR: {
    code: 500,
    status: 500,
    message: 'Something went wrong inside the server: try again, and report it if it happens again.',
  },
  FFMPEG_MISSING: {
    code: 5003,
    status: 500,
    message:
      'photoreel needs ffmpeg 5.1 or newer: install it with `sudo apt-get install -y ffmpeg` and try again.',
  },
  EXPORT_TOO_LONG: {
    code: 4201,
    status: 422,
    message:
      'The video is longer than this server renders (PHOTOREEL_MAX_VIDEO_SECONDS): shorten it or split it into parts.',
  },
  EXPORT_CANVAS_TOO_LARGE: {
    code: 4202,
    status: 422,
    message:
      'The video’s size is over this server’s canvas limit (4K by default): choose a smaller size, such as 1080p.',
  },
  EXPORT_FPS_TOO_HIGH: {
    code: 4203,
    status: 422,
    message: 'The frame rate is over this server’s limit (60 fps by default): choose 30 or 60 fps.',
  },
  EXPORT_TOO_COSTLY: {
    code: 4204,
    status: 422,
    message:
      'This export would take too long to render (frames × pixels over PHOTOREEL_MAX_EXPORT_COST): make it shorter, smaller or at a lower frame rate.',
  },
  TOO_MANY_RENDERS: {
    code: 4205,
    status: 429,
    message:
      'This token has as many renders queued or rendering as the server allows: wait for one to finish (or cancel one), then export again.',
  },
  RENDER_QUEUE_FULL: {
    code: 4206,
    status: 429,
    message: 'The server’s render queue is full: wait a few minutes, then export again.',
  },
} as const;

export type ErrorKey = keyof typeof catalog;
export type ErrorCode = (typeof catalog)[ErrorKey]['code'];

export class PhotoreelError extends Error {
  readonly key: ErrorKey;
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  /**
   * `message` replaces the catalog sentence when a more specific one helps the user; `cause` keeps
   * the lower-level error it stands for (logged, never sent to clients).
   */
  constructor(key: ErrorKey, message?: string, details?: Record<string, unknown>, options?: ErrorOptions) {
    super(message ?? catalog[key].message, options);
    this.name = 'PhotoreelError';
    this.key = key;
    this.code = catalog[key].code;
    this.status = catalog[key].status;
    this.details = details;
  }

  toJSON(): { code: number; message: string; details?: Record<string, unknown> } {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export function isPhotoreelError(e: unknown, key?: ErrorKey): e is PhotoreelError {
  return e instanceof PhotoreelError && (key === undefined || e.key === key);
}
