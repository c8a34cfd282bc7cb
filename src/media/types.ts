/** What media intake learns of a file. Sizes are as displayed (EXIF orientation applied). */
export type MediaKind = 'image' | 'video' | 'audio';

export interface MediaInfo {
  kind: MediaKind;
  /** Detected from the content: image/jpeg, video/mp4, audio/mpeg, … */
  mime: string;
  /** Canonical extension for the detected type, without the dot: jpg, heic, mp4, m4a. */
  ext: string;
  /** Bytes on disk. */
  size: number;
  width?: number;
  height?: number;
  /** Clips, audio, animated GIFs. */
  durationMs?: number;
  /** Clips: whether there is a sound stream. */
  hasAudio?: boolean;
  /** GIFs with more than one frame: they play as clips. */
  animated?: boolean;
  /** EXIF DateTimeOriginal (or CreateDate) as ISO 8601, when the file says. */
  capturedAt?: string;
}

export interface IntakeLimits {
  /** Largest file accepted, in bytes (default 200 MB). Larger: FILE_TOO_LARGE (4002). */
  maxBytes?: number;
  /** Largest decoded image, in pixels (default 100 megapixels). Larger: FILE_TOO_LARGE (4002). */
  maxPixels?: number;
  /** Animated GIF/WebP/PNG: largest canvas and frame, in pixels (default 4096x4096). */
  maxAnimationPixels?: number;
  /** Animated GIF/WebP/PNG: most frames (default 5,000). */
  maxAnimationFrames?: number;
  /** Animated GIF/WebP/PNG: most frames x canvas pixels (default 3 gigapixels). */
  maxAnimationWork?: number;
  /** Clips: largest picture, in pixels (default 8192x4320). */
  maxClipPixels?: number;
  /** Clips and animations: longest, ms (default 10 minutes). */
  maxClipMs?: number;
  /** Clips: most frames (default 72,000). */
  maxClipFrames?: number;
}

/** A photo decoded once and scaled for a canvas: upright, sRGB, flattened, ready for ffmpeg. */
export interface PreparedImage {
  path: string;
  width: number;
  height: number;
}
