/**
 * The player's own controls: a play/pause button and a scrubbable playhead (a range input, so keyboards,
 * screen readers and touch work as they do everywhere) with the time, labelled in the page's language.
 */

export type Lang = 'en' | 'zh';

const TEXT = {
  en: { play: 'Play', pause: 'Pause', playhead: 'Playhead', preview: 'Live preview', of: 'of' },
  zh: { play: '播放', pause: '暂停', playhead: '播放位置', preview: '实时预览', of: '/' },
} as const;

/** 0:03.2 — minutes, seconds and tenths. */
export function formatTime(ms: number): string {
  const tenths = Math.max(0, Math.floor(ms / 100));
  const m = Math.floor(tenths / 600);
  const s = Math.floor((tenths % 600) / 10);
  return `${m}:${String(s).padStart(2, '0')}.${tenths % 10}`;
}

export interface Controls {
  root: HTMLElement;
  canvas: HTMLCanvasElement;
  update(time: number, duration: number, playing: boolean): void;
  destroy(): void;
}

export function buildControls(
  container: HTMLElement,
  lang: Lang,
  on: { toggle(): void; seek(ms: number): void; step(ms: number): void },
): Controls {
  const t = TEXT[lang];
  const root = document.createElement('div');
  root.className = 'player';
  root.dataset.testid = 'player';
  root.setAttribute('role', 'group');
  root.setAttribute('aria-label', t.preview);
  root.style.cssText = 'display:flex;flex-direction:column;gap:6px;width:100%';

  const frame = document.createElement('div');
  frame.style.cssText =
    'display:flex;justify-content:center;background:#000;border-radius:6px;overflow:hidden';
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', t.preview);
  canvas.dataset.testid = 'player-canvas';
  canvas.style.cssText = 'display:block;max-width:100%;max-height:60vh;height:auto;cursor:pointer';
  frame.append(canvas);

  const bar = document.createElement('div');
  bar.style.cssText = 'display:flex;align-items:center;gap:8px';
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.testid = 'player-toggle';
  button.style.cssText = 'min-width:44px;min-height:44px;font-size:18px';
  const range = document.createElement('input');
  range.type = 'range';
  range.min = '0';
  range.step = '100';
  range.dataset.testid = 'player-range';
  range.setAttribute('aria-label', t.playhead);
  range.style.cssText = 'flex:1;min-width:0;min-height:44px';
  const time = document.createElement('output');
  time.dataset.testid = 'player-time';
  time.style.cssText = 'font-variant-numeric:tabular-nums;white-space:nowrap';
  bar.append(button, range, time);
  root.append(frame, bar);
  container.append(root);

  button.addEventListener('click', () => on.toggle());
  canvas.addEventListener('click', () => on.toggle());
  range.addEventListener('input', () => on.seek(Number(range.value)));
  const onKey = (e: KeyboardEvent): void => {
    if (e.target === button || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === ' ' || e.key === 'k') {
      if (e.target === range && e.key === ' ') e.preventDefault();
      else if (e.target !== range) e.preventDefault();
      on.toggle();
    } else if (e.target !== range && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      e.preventDefault();
      on.step(e.key === 'ArrowLeft' ? -1000 : 1000);
    }
  };
  root.addEventListener('keydown', onKey);

  return {
    root,
    canvas,
    update(now, duration, playing) {
      const label = playing ? t.pause : t.play;
      if (button.getAttribute('aria-label') !== label) {
        button.setAttribute('aria-label', label);
        button.textContent = playing ? '❚❚' : '▶';
      }
      button.setAttribute('aria-pressed', String(playing));
      range.max = String(Math.round(duration));
      range.value = String(Math.round(now));
      const text = `${formatTime(now)} ${t.of} ${formatTime(duration)}`;
      range.setAttribute('aria-valuetext', text);
      time.value = text;
    },
    destroy() {
      root.removeEventListener('keydown', onKey);
      root.remove();
    },
  };
}
