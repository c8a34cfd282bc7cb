/**
 * Mounts the live player (web/src/player) when this build has it. Found with import.meta.glob, so the page
 * builds and works (with a note in place of the player) while the player is absent.
 */
import type { Draft } from './api-types.ts';

export interface PlayerState {
  time: number;
  playing: boolean;
  /** Index of the video item on screen. */
  item?: number;
}

export interface PlayerLike {
  setDraft(draft: Draft): void;
  play(): void;
  pause(): void;
  seek(ms: number): void;
  readonly time: number;
  readonly duration: number;
  readonly playing: boolean;
  onChange(cb: (s: PlayerState) => void): () => void;
  approximated(): string[];
  destroy(): void;
  /** Resolves when every medium of the current draft has loaded (or failed) and the frame is drawn. */
  whenReady?(): Promise<void>;
}

export interface PlayerOptions {
  mediaUrl(src: string): string;
  lang: 'en' | 'zh';
}

type MountPlayer = (container: HTMLElement, options: PlayerOptions) => PlayerLike;

const modules = import.meta.glob<{ mountPlayer?: MountPlayer }>('./player/index.ts');

/** The mounted player, or undefined when this build has none (or it failed to start). */
export async function mountLivePlayer(
  container: HTMLElement,
  options: PlayerOptions,
): Promise<PlayerLike | undefined> {
  const load = Object.values(modules)[0];
  if (!load) return undefined;
  try {
    const mod = await load();
    if (typeof mod.mountPlayer !== 'function') return undefined;
    container.replaceChildren();
    return mod.mountPlayer(container, options);
  } catch (err) {
    console.error('The live player did not start:', err);
    return undefined;
  }
}
