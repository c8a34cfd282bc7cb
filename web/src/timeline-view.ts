import type { Draft, MediaInfo } from './api-types.ts';
import { h } from './dom.ts';
import type { MessageKey } from './i18n.ts';
import { formatSeconds } from './instruction-text.ts';

export interface TimelineHandlers {
  move(from: number, to: number): void;
  duration(index: number, seconds: number): void;
  remove(index: number): void;
  /** An object URL of the item's thumbnail. */
  thumbnail(mediaId: string): Promise<string>;
}

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const DRAG_TYPE = 'application/x-photoreel-item';

function trackOf<N extends 0 | 1 | 7>(
  draft: Draft,
  tt: N,
): Extract<Draft['t'][number], { tt: N }> | undefined {
  return draft.t.find((t) => t.tt === tt) as Extract<Draft['t'][number], { tt: N }> | undefined;
}

/**
 * Draws the timeline: thumbnails in order with their seconds (editable), the transitions between
 * them, the music and the title. Every control is a real button or input with a label.
 */
export function renderTimeline(
  root: HTMLElement,
  draft: Draft | null,
  media: readonly MediaInfo[],
  t: T,
  on: TimelineHandlers,
): void {
  // After a keyboard move the re-drawn list gets focus back on the moved item's button.
  const focused = root.dataset.pendingFocus;
  delete root.dataset.pendingFocus;
  const byId = new Map(media.map((m) => [m.id, m]));
  const items = draft ? (trackOf(draft, 0)?.sg ?? []) : [];
  root.replaceChildren();

  if (!draft || items.length === 0) {
    root.append(h('p', { class: 'empty', 'data-testid': 'timeline-empty' }, t('emptyTimeline')));
    return;
  }

  const totalMs = items.reduce((s, it) => s + it.d, 0);
  root.append(
    h(
      'p',
      { class: 'canvas', 'data-testid': 'canvas' },
      t('canvas', { w: draft.w, h: draft.h, fps: draft.fps, seconds: formatSeconds(totalMs / 1000) }),
    ),
  );

  const list = h('ol', { class: 'strip', 'data-testid': 'timeline-items' });
  let dragFrom = -1;
  items.forEach((item, i) => {
    const info = byId.get(item.src);
    const n = i + 1;
    const label = info?.kind === 'video' ? t('clip', { n }) : t('photo', { n });
    const img = h('img', { alt: info?.name ?? label, width: 96, height: 96, loading: 'lazy' });
    on.thumbnail(item.src).then(
      (url) => (img.src = url),
      () => img.classList.add('missing'),
    );
    const seconds = h('input', {
      type: 'number',
      min: 0.1,
      step: 0.1,
      inputmode: 'decimal',
      value: formatSeconds(item.d / 1000),
      'aria-label': t('secondsOf', { n }),
      'data-focus': `d${i}`,
      'data-testid': 'item-seconds',
    });
    seconds.addEventListener('change', () => {
      const v = Number(seconds.value);
      if (Number.isFinite(v) && v > 0 && Math.round(v * 1000) !== item.d) on.duration(i, v);
      else seconds.value = formatSeconds(item.d / 1000);
    });
    const left = h(
      'button',
      {
        type: 'button',
        class: 'icon',
        'aria-label': t('moveLeftOf', { n }),
        title: t('moveLeft'),
        disabled: i === 0,
        'data-focus': `l${i}`,
      },
      '←',
    );
    left.addEventListener('click', () => {
      root.dataset.pendingFocus = i - 1 === 0 ? `r0` : `l${i - 1}`;
      on.move(i, i - 1);
    });
    const right = h(
      'button',
      {
        type: 'button',
        class: 'icon',
        'aria-label': t('moveRightOf', { n }),
        title: t('moveRight'),
        disabled: i === items.length - 1,
        'data-focus': `r${i}`,
      },
      '→',
    );
    right.addEventListener('click', () => {
      root.dataset.pendingFocus = i + 1 === items.length - 1 ? `l${i + 1}` : `r${i + 1}`;
      on.move(i, i + 1);
    });
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'icon danger',
        'aria-label': t('removeOf', { n }),
        title: t('remove'),
        'data-focus': `x${i}`,
      },
      '✕',
    );
    remove.addEventListener('click', () => {
      root.dataset.pendingFocus = `x${Math.min(i, items.length - 2)}`;
      on.remove(i);
    });

    const li = h(
      'li',
      {
        class: 'item',
        draggable: 'true',
        'data-index': i,
        'data-testid': 'timeline-item',
        'data-src': item.src,
      },
      h(
        'figure',
        {},
        img,
        h(
          'figcaption',
          {},
          h('span', { class: 'num' }, label),
          ' ',
          h('span', { class: 'name' }, info?.name ?? ''),
        ),
      ),
      h('label', { class: 'secs' }, h('span', {}, t('seconds')), seconds),
      h('div', { class: 'actions' }, left, right, remove),
    );
    li.addEventListener('dragstart', (e) => {
      dragFrom = i;
      e.dataTransfer?.setData(DRAG_TYPE, String(i));
      e.dataTransfer?.setData('text/plain', String(n));
      if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
      li.classList.add('dragging');
    });
    li.addEventListener('dragend', () => li.classList.remove('dragging'));
    li.addEventListener('dragover', (e) => {
      if (dragFrom < 0) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
      li.classList.add('over');
    });
    li.addEventListener('dragleave', () => li.classList.remove('over'));
    li.addEventListener('drop', (e) => {
      e.preventDefault();
      li.classList.remove('over');
      const from = dragFrom;
      dragFrom = -1;
      if (from >= 0 && from !== i) on.move(from, i);
    });
    list.append(li);

    const tr = item.m.tr;
    if (i < items.length - 1) {
      const name =
        !tr || tr.type === 'cut' || tr.d <= 0
          ? t('noTransition')
          : `${tr.type} ${formatSeconds(tr.d / 1000)} s`;
      list.append(
        h(
          'li',
          { class: 'transition', 'aria-label': t('transition', { name }), 'data-testid': 'transition' },
          name,
        ),
      );
    }
  });
  root.append(list);

  const audio = trackOf(draft, 1)?.sg[0];
  const title = trackOf(draft, 7)?.sg[0];
  const music = audio
    ? `${byId.get(audio.src)?.name ?? audio.src} · ${Math.round((audio.m.volume ?? 1) * 100)}%`
    : t('noMusic');
  root.append(
    h(
      'dl',
      { class: 'tracks' },
      h('dt', {}, t('music')),
      h('dd', { 'data-testid': 'music' }, music),
      h('dt', {}, t('titleText')),
      h('dd', { 'data-testid': 'title' }, title ? title.text : t('noTitle')),
    ),
  );

  if (focused) root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focused)}"]`)?.focus();
}
