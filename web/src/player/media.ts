/**
 * Media the player draws and plays, loaded once per id: photos as bitmaps (upright, scaled down to what
 * a preview needs), clips as video elements, music as decoded audio.
 */

export type LoadedMedia =
  | { kind: 'image'; bitmap: ImageBitmap }
  | { kind: 'video'; video: HTMLVideoElement; url: string }
  | { kind: 'audio'; buffer: AudioBuffer }
  | { kind: 'failed' };

/**
 * Photos are kept at most this large (long side; 3 MB a photo): a 640 px preview's largest still is
 * 640 × 1.5 × 1.06 ≈ 1018 px (the most motion), so a 12-MP photo never stays decoded at full size.
 */
const MAX_BITMAP_SIDE = 1024;

async function toBitmap(blob: Blob): Promise<ImageBitmap> {
  const full = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  const k = MAX_BITMAP_SIDE / Math.max(full.width, full.height);
  if (k >= 1) return full;
  const small = await createImageBitmap(full, {
    resizeWidth: Math.max(1, Math.round(full.width * k)),
    resizeHeight: Math.max(1, Math.round(full.height * k)),
    resizeQuality: 'high',
  });
  full.close();
  return small;
}

function videoOf(url: string): Promise<HTMLVideoElement> {
  return new Promise((resolve, reject) => {
    const v = document.createElement('video');
    v.muted = false;
    v.preload = 'auto';
    v.playsInline = true;
    v.crossOrigin = 'anonymous';
    v.onloadeddata = () => resolve(v);
    v.onerror = () => reject(new Error('video did not load'));
    v.src = url;
  });
}

/** Loads one media file: its kind from the answer's type, else by trying a picture, then a video. */
export async function loadMedia(url: string, audio: () => BaseAudioContext): Promise<LoadedMedia> {
  try {
    const res = await fetch(url, { credentials: 'same-origin' });
    if (!res.ok) return { kind: 'failed' };
    const blob = await res.blob();
    const type = blob.type;
    if (type.startsWith('audio/')) {
      return { kind: 'audio', buffer: await audio().decodeAudioData(await blob.arrayBuffer()) };
    }
    if (type.startsWith('video/')) {
      const objectUrl = URL.createObjectURL(blob);
      return { kind: 'video', video: await videoOf(objectUrl), url: objectUrl };
    }
    try {
      return { kind: 'image', bitmap: await toBitmap(blob) };
    } catch {
      const objectUrl = URL.createObjectURL(blob);
      try {
        return { kind: 'video', video: await videoOf(objectUrl), url: objectUrl };
      } catch {
        URL.revokeObjectURL(objectUrl);
        return { kind: 'audio', buffer: await audio().decodeAudioData(await blob.arrayBuffer()) };
      }
    }
  } catch {
    return { kind: 'failed' };
  }
}

export function releaseMedia(m: LoadedMedia): void {
  if (m.kind === 'image') m.bitmap.close();
  if (m.kind === 'video') {
    m.video.pause();
    m.video.removeAttribute('src');
    m.video.load();
    URL.revokeObjectURL(m.url);
  }
}

/** Longest wait for a sought clip frame to be shown (a seek to the frame already shown presents none). */
const FRAME_WAIT_MS = 500;

/**
 * Resolves once a clip element that was just told to seek shows the frame sought: `seeked` has fired
 * and it has presented a frame since the seek began (requestVideoFrameCallback). `seeked` alone is not
 * enough: Chromium may still hand drawImage the frame from before the seek just after it, which left a
 * stale picture on a paused preview. Where requestVideoFrameCallback is missing, `seeked` is taken as
 * it is; a seek that presents no new frame ends after FRAME_WAIT_MS.
 */
export function frameAfterSeek(v: HTMLVideoElement): Promise<void> {
  return new Promise<void>((resolve) => {
    let seeked = !v.seeking;
    let shown = typeof v.requestVideoFrameCallback !== 'function';
    const timer = setTimeout(resolve, FRAME_WAIT_MS);
    const check = (): void => {
      if (!seeked || !shown) return;
      clearTimeout(timer);
      resolve();
    };
    if (!shown) {
      v.requestVideoFrameCallback(() => {
        shown = true;
        check();
      });
    }
    if (!seeked) {
      v.addEventListener(
        'seeked',
        () => {
          seeked = true;
          check();
        },
        { once: true },
      );
    }
    check();
  });
}
