/**
 * Mounts the live player (web/src/player), loaded on demand as its own chunk so the page's first load
 * stays light. If it fails to start, the page works on without it (a note stays in its place).
 */
import type { PlayerOptions, PreviewPlayer } from './player/index.ts';

export type { PlayerChange as PlayerState, PlayerOptions } from './player/index.ts';
export type PlayerLike = PreviewPlayer;

/** The mounted player, or undefined when it failed to start. */
export async function mountLivePlayer(
  container: HTMLElement,
  options: PlayerOptions,
): Promise<PlayerLike | undefined> {
  try {
    const { mountPlayer } = await import('./player/index.ts');
    container.replaceChildren();
    return mountPlayer(container, options);
  } catch (err) {
    console.error('The live player did not start:', err);
    return undefined;
  }
}
