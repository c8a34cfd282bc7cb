import type { Draft, MediaInfo } from './api-types.ts';
import { h } from './dom.ts';
import { choiceLabel, type Lang, type MessageKey } from './i18n.ts';
import { formatSeconds } from './instruction-text.ts';
import { reorderTarget } from './reorder.ts';

/** What the inspector shows: a photo or clip, the transition after an item, a text, or the music. */
export type Selection =
  | { kind: 'item'; index: number }
  | { kind: 'transition'; index: number }
  | { kind: 'text'; index: number }
  | { kind: 'music' };

export interface TimelineHandlers {
  move(from: number, to: number): void;
  duration(index: number, seconds: number): void;
  remove(index: number): void;
  select(selection: Selection): void;
  addText(): void;
  /** An object URL of the item's thumbnail. */
  thumbnail(mediaId: string): Promise<string>;
}

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface TimelineView {
  draft: Draft | null;
  media: readonly MediaInfo[];
  t: T;
  lang: Lang;
  selected: Selection | null;
}

function trackOf<N extends 0 | 1 | 7>(
  draft: Draft,
  tt: N,
): Extract<Draft['t'][number], { tt: N }> | undefined {
  return draft.t.find((t) => t.tt === tt) as Extract<Draft['t'][number], { tt: N }> | undefined;
}

const same = (a: Selection | null, b: Selection) =>
  !!a &&
  a.kind === b.kind &&
  (a.kind === 'music' || (a as { index: number }).index === (b as { index: number }).index);

/** Marks the item the player is on (no redraw). */
export function markCurrent(root: HTMLElement, index: number | undefined): void {
  root.querySelectorAll('li.item').forEach((li, i) => li.classList.toggle('current', i === index));
}

/**
 * Draws the timeline: thumbnails in order with their seconds (editable), the transitions between them, the
 * music and the texts. Every control is a real button or input with a label. Items reorder by dragging the
 * grip (mouse, pen or touch: pointer events), with the grip's arrow keys, or with the ←/→ buttons.
 */
export function renderTimeline(root: HTMLElement, view: TimelineView, on: TimelineHandlers): void {
  const { draft, media, t, lang, selected } = view;
  // After a keyboard move the re-drawn list gets focus back on the moved item's control.
  const focused = root.dataset.pendingFocus ?? (document.activeElement as HTMLElement | null)?.dataset?.focus;
  const hadFocus = root.contains(document.activeElement);
  const pending = root.dataset.pendingFocus;
  delete root.dataset.pendingFocus;
  const scroll = root.querySelector('.strip')?.scrollLeft ?? 0;
  const byId = new Map(media.map((m) => [m.id, m]));
  const items = draft ? (trackOf(draft, 0)?.sg ?? []) : [];
  root.replaceChildren();

  if (!draft || items.length === 0) {
    root.append(
      h(
        'div',
        { class: 'empty', 'data-testid': 'timeline-empty' },
        h('p', {}, t('emptyTimeline')),
        h('button', { type: 'button', class: 'primary', 'data-pick': '' }, t('addMedia')),
      ),
    );
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
  items.forEach((item, i) => {
    const info = byId.get(item.src);
    const n = i + 1;
    const label = info?.kind === 'video' ? t('clip', { n }) : t('photo', { n });
    const img = h('img', { alt: '', width: 96, height: 96, loading: 'lazy', draggable: 'false' });
    on.thumbnail(item.src).then(
      (url) => (img.src = url),
      () => img.classList.add('missing'),
    );
    const pick = h(
      'button',
      {
        type: 'button',
        class: 'thumb',
        'aria-pressed': String(same(selected, { kind: 'item', index: i })),
        'aria-label': t('selectItem', { n, name: info?.name ?? label }),
        'data-focus': `s${i}`,
        'data-testid': 'item-select',
      },
      img,
      h('span', { class: 'num', 'aria-hidden': 'true' }, String(n)),
    );
    pick.addEventListener('click', () => on.select({ kind: 'item', index: i }));
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
    const sendSeconds = () => {
      const v = Number(seconds.value);
      if (Number.isFinite(v) && v > 0 && Math.round(v * 1000) !== item.d) on.duration(i, v);
    };
    // Arrow keys and the spinner fire `input` per step: the page waits for the last one (one undo step).
    seconds.addEventListener('input', sendSeconds);
    seconds.addEventListener('change', () => {
      const v = Number(seconds.value);
      if (!(Number.isFinite(v) && v > 0)) seconds.value = formatSeconds(item.d / 1000);
    });
    const grip = h(
      'button',
      {
        type: 'button',
        class: 'icon grip',
        'aria-label': t('gripOf', { n }),
        title: t('gripOf', { n }),
        'data-focus': `g${i}`,
        'data-testid': 'item-grip',
      },
      '⠿',
    );
    const moveTo = (to: number, focus: string) => {
      if (to < 0 || to >= items.length || to === i) return;
      root.dataset.pendingFocus = focus;
      on.move(i, to);
    };
    grip.addEventListener('keydown', (e) => {
      const to =
        e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? i - 1
          : e.key === 'ArrowRight' || e.key === 'ArrowDown'
            ? i + 1
            : e.key === 'Home'
              ? 0
              : e.key === 'End'
                ? items.length - 1
                : undefined;
      if (to === undefined) return;
      e.preventDefault();
      moveTo(to, `g${Math.max(0, Math.min(items.length - 1, to))}`);
    });
    const left = h(
      'button',
      {
        type: 'button',
        class: 'icon',
        'aria-label': t('moveLeftOf', { n }),
        title: t('moveLeftOf', { n }),
        disabled: i === 0,
        'data-focus': `l${i}`,
      },
      '←',
    );
    left.addEventListener('click', () => moveTo(i - 1, i - 1 === 0 ? 'r0' : `l${i - 1}`));
    const right = h(
      'button',
      {
        type: 'button',
        class: 'icon',
        'aria-label': t('moveRightOf', { n }),
        title: t('moveRightOf', { n }),
        disabled: i === items.length - 1,
        'data-focus': `r${i}`,
      },
      '→',
    );
    right.addEventListener('click', () =>
      moveTo(i + 1, i + 1 === items.length - 1 ? `l${i + 1}` : `r${i + 1}`),
    );
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'icon danger',
        'aria-label': t('removeOf', { n }),
        title: t('removeOf', { n }),
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
        class: `item${same(selected, { kind: 'item', index: i }) ? ' selected' : ''}`,
        'data-index': i,
        'data-testid': 'timeline-item',
        'data-src': item.src,
      },
      pick,
      h('span', { class: 'name' }, info?.name ?? ''),
      h('div', { class: 'secs' }, grip, seconds),
      h('div', { class: 'actions' }, left, right, remove),
    );
    attachPointerReorder(grip, li, list, i, (to) => moveTo(to, `g${to}`));
    list.append(li);

    if (i < items.length - 1) {
      const tr = item.m.tr;
      const name =
        !tr || tr.type === 'cut' || tr.d <= 0
          ? t('noTransition')
          : `${choiceLabel(lang, tr.type)} ${formatSeconds(tr.d / 1000)} s`;
      const chip = h(
        'button',
        {
          type: 'button',
          class: 'tr-chip',
          'aria-pressed': String(same(selected, { kind: 'transition', index: i })),
          'aria-label': t('transitionAfter', { n, name }),
          title: name,
          'data-focus': `t${i}`,
          'data-testid': 'transition',
        },
        !tr || tr.type === 'cut' || tr.d <= 0 ? '|' : '⧓',
      );
      chip.addEventListener('click', () => on.select({ kind: 'transition', index: i }));
      list.append(h('li', { class: 'transition' }, chip));
    }
  });
  root.append(list);
  list.scrollLeft = scroll;

  const audio = trackOf(draft, 1)?.sg[0];
  const texts = trackOf(draft, 7)?.sg ?? [];
  const music = audio
    ? `${byId.get(audio.src)?.name ?? audio.src} · ${Math.round((audio.m.volume ?? 1) * 100)}%`
    : t('noMusic');
  const musicButton = h(
    'button',
    {
      type: 'button',
      class: 'track-chip',
      'aria-pressed': String(same(selected, { kind: 'music' })),
      'data-focus': 'm',
      'data-testid': 'music',
    },
    music,
  );
  musicButton.addEventListener('click', () => on.select({ kind: 'music' }));
  const textChips = texts.map((seg, j) => {
    const b = h(
      'button',
      {
        type: 'button',
        class: 'track-chip',
        'aria-pressed': String(same(selected, { kind: 'text', index: j })),
        'data-focus': `q${j}`,
        'data-testid': j === 0 ? 'title' : 'caption',
      },
      seg.text,
    );
    b.addEventListener('click', () => on.select({ kind: 'text', index: j }));
    return b;
  });
  const addText = h(
    'button',
    { type: 'button', class: 'small', 'data-focus': 'qa', 'data-testid': 'add-text' },
    `+ ${t('addText')}`,
  );
  addText.addEventListener('click', () => on.addText());
  root.append(
    h(
      'dl',
      { class: 'tracks' },
      h('dt', {}, t('music')),
      h('dd', {}, musicButton),
      h('dt', {}, t('texts')),
      h(
        'dd',
        { class: 'texts' },
        ...textChips,
        texts.length ? null : h('span', { class: 'muted' }, t('noText')),
        addText,
      ),
    ),
  );

  const want = pending ?? (hadFocus ? focused : undefined);
  if (want) root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(want)}"]`)?.focus();
}

/**
 * Dragging an item by its grip with any pointer (mouse, pen, finger): the card follows the pointer, the card
 * under it is marked, and letting go moves the item there. A small move is not a drag (a tap stays a tap).
 */
function attachPointerReorder(
  grip: HTMLElement,
  li: HTMLElement,
  list: HTMLElement,
  from: number,
  move: (to: number) => void,
): void {
  let start: { x: number; y: number; id: number } | undefined;
  let dragging = false;
  let target = from;
  let scrollTimer: ReturnType<typeof setInterval> | undefined;
  const cards = () => [...list.querySelectorAll<HTMLElement>('li.item')];
  const stop = () => {
    clearInterval(scrollTimer);
    scrollTimer = undefined;
    li.classList.remove('dragging');
    li.style.transform = '';
    cards().forEach((c) => c.classList.remove('over'));
    list.classList.remove('reordering');
  };
  grip.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    start = { x: e.clientX, y: e.clientY, id: e.pointerId };
    dragging = false;
    target = from;
    grip.setPointerCapture(e.pointerId);
  });
  grip.addEventListener('pointermove', (e) => {
    if (!start || e.pointerId !== start.id) return;
    const dx = e.clientX - start.x;
    const dy = e.clientY - start.y;
    if (!dragging && Math.hypot(dx, dy) < 6) return;
    if (!dragging) {
      dragging = true;
      li.classList.add('dragging');
      list.classList.add('reordering');
    }
    e.preventDefault();
    li.style.transform = `translate(${dx}px, ${dy}px)`;
    const rects = cards().map((c) => {
      const r = c.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    });
    // The card's own rectangle moved with it: use where it was.
    const own = rects[from];
    if (own)
      rects[from] = {
        left: own.left - dx,
        right: own.right - dx,
        top: own.top - dy,
        bottom: own.bottom - dy,
      };
    target = reorderTarget(rects, e.clientX, e.clientY, from);
    cards().forEach((c, k) => c.classList.toggle('over', k === target && k !== from));
    // Near the strip's edges it scrolls, so a far card can be reached on a phone.
    const box = list.getBoundingClientRect();
    const edge = e.clientX < box.left + 32 ? -12 : e.clientX > box.right - 32 ? 12 : 0;
    clearInterval(scrollTimer);
    scrollTimer = edge ? setInterval(() => (list.scrollLeft += edge), 30) : undefined;
  });
  const end = (e: PointerEvent) => {
    if (!start || e.pointerId !== start.id) return;
    start = undefined;
    const was = dragging;
    dragging = false;
    stop();
    if (was && e.type === 'pointerup' && target !== from) move(target);
  };
  grip.addEventListener('pointerup', end);
  grip.addEventListener('pointercancel', end);
  grip.addEventListener('lostpointercapture', (e) => {
    if (start) end(e);
  });
}
