/**
 * A page that holds the player alone (web/player-harness.html), for the parity test and for trying the
 * player by hand: `window.__mount(draft, media)` mounts it with a draft and a map of media id → URL
 * (ids not in the map load from `/__media/<id>`), and `window.__player` is the player.
 */
import { mountPlayer, type Draft, type PreviewPlayer } from './index.ts';

declare global {
  interface Window {
    __player?: PreviewPlayer;
    __mount(draft: Draft, media?: Record<string, string>, lang?: 'en' | 'zh'): PreviewPlayer;
  }
}

window.__mount = (draft, media = {}, lang = 'en') => {
  window.__player?.destroy();
  const container = document.getElementById('player')!;
  const player = mountPlayer(container, {
    mediaUrl: (src) => media[src] ?? `/__media/${encodeURIComponent(src)}`,
    lang,
  });
  player.setDraft(draft);
  window.__player = player;
  return player;
};
