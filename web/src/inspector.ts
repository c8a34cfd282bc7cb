/**
 * The inspector: the controls of what is selected on the timeline (a photo, the transition after it, a text,
 * the music). Every change is a structured edit; fields that change in steps (seconds, sliders) carry a key so
 * quick repeats become one request, one undo step.
 */
import type { Draft, MediaInfo } from './api-types.ts';
import { h } from './dom.ts';
import {
  FIT_NAMES,
  MOTION_NAMES,
  POSITION_NAMES,
  TRANSITION_CHOICES,
  durationEdit,
  fitEdit,
  motionEdit,
  musicEdit,
  removeEdit,
  removeMusicEdit,
  removeTextEdit,
  setTextEdit,
  transitionEdit,
  videoItems,
  type EditJSON,
} from './edit-builders.ts';
import { choiceLabel, type Lang, type MessageKey } from './i18n.ts';
import { formatSeconds } from './instruction-text.ts';
import type { Selection } from './timeline-view.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface InspectorView {
  draft: Draft | null;
  media: readonly MediaInfo[];
  selected: Selection | null;
  t: T;
  lang: Lang;
}

export interface InspectorHandlers {
  edit(edits: EditJSON[], key?: string): void;
  select(selection: Selection | null): void;
}

const DEFAULT_TEXT_SIZE = 0.06;

function field(label: string, control: HTMLElement, id: string): HTMLElement {
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

function numberInput(value: number, attrs: Record<string, string | number>, focus: string): HTMLInputElement {
  return h('input', {
    type: 'number',
    inputmode: 'decimal',
    value: formatSeconds(value),
    'data-focus': focus,
    ...attrs,
  });
}

function select(options: readonly string[], value: string, label: (o: string) => string, focus: string) {
  const s = h('select', { 'data-focus': focus });
  for (const o of options) s.append(h('option', { value: o, selected: o === value }, label(o)));
  return s;
}

/** Buttons of which one is on (aria-pressed), e.g. the fits. */
function choiceButtons(
  name: string,
  options: readonly string[],
  value: string | undefined,
  label: (o: string) => string,
  pick: (o: string) => void,
): HTMLElement {
  const group = h('div', { class: 'choices', role: 'group', 'aria-label': name });
  for (const o of options) {
    const b = h(
      'button',
      {
        type: 'button',
        class: 'small',
        'aria-pressed': String(o === value),
        'data-focus': `c-${o}`,
        'data-value': o,
      },
      label(o),
    );
    b.addEventListener('click', () => pick(o));
    group.append(b);
  }
  return h('div', { class: 'field' }, h('span', { class: 'field-label' }, name), group);
}

export function renderInspector(root: HTMLElement, view: InspectorView, on: InspectorHandlers): void {
  const { draft, media, selected, t, lang } = view;
  const active = document.activeElement as HTMLElement | null;
  const focus = root.contains(active) ? active?.dataset.focus : undefined;
  root.replaceChildren();
  const items = videoItems(draft);
  const texts = (draft?.t.find((tr) => tr.tt === 7)?.sg ?? []) as Extract<
    Draft['t'][number],
    { tt: 7 }
  >['sg'];
  const audio = (draft?.t.find((tr) => tr.tt === 1)?.sg[0] ?? undefined) as
    Extract<Draft['t'][number], { tt: 1 }>['sg'][number] | undefined;
  const body: HTMLElement[] = [];

  if (selected?.kind === 'item' && items[selected.index]) {
    const i = selected.index;
    const item = items[i]!;
    const info = media.find((m) => m.id === item.src);
    body.push(h('h3', {}, t(info?.kind === 'video' ? 'clipPanel' : 'photoPanel', { n: i + 1 })));
    const secs = numberInput(item.d / 1000, { min: 0.1, step: 0.1 }, 'i-d');
    secs.addEventListener('input', () => {
      const e = durationEdit(i, Number(secs.value));
      if (e && Math.round(Number(secs.value) * 1000) !== item.d) on.edit([e], `d${i}`);
    });
    body.push(field(t('seconds'), secs, 'insp-seconds'));
    body.push(
      choiceButtons(
        t('fit'),
        FIT_NAMES,
        item.m.fit ?? 'blur',
        (o) => t(o === 'cover' ? 'fitCover' : o === 'contain' ? 'fitContain' : 'fitBlur'),
        (o) => on.edit([fitEdit([i], o as (typeof FIT_NAMES)[number])]),
      ),
    );
    const motion = select(
      MOTION_NAMES,
      item.m.motion?.type ?? 'none',
      (o) => choiceLabel(lang, o),
      'i-motion',
    );
    motion.addEventListener('change', () =>
      on.edit([motionEdit([i], motion.value as (typeof MOTION_NAMES)[number])]),
    );
    body.push(field(t('motion'), motion, 'insp-motion'));
    const remove = h(
      'button',
      { type: 'button', class: 'small danger', 'data-focus': 'i-remove', 'data-testid': 'remove-item' },
      t('removeOf', { n: i + 1 }),
    );
    remove.addEventListener('click', () => {
      on.select(null);
      on.edit([removeEdit(i)]);
    });
    if (i < items.length - 1) {
      const b = h(
        'button',
        { type: 'button', class: 'small link', 'data-focus': 'i-tr' },
        t('transitionPanel', { n: i + 1 }),
      );
      b.addEventListener('click', () => on.select({ kind: 'transition', index: i }));
      body.push(b);
    }
    body.push(remove);
  } else if (selected?.kind === 'transition' && items[selected.index + 1]) {
    const i = selected.index;
    const tr = items[i]!.m.tr;
    const type = !tr || tr.d <= 0 ? 'none' : tr.type === 'cut' ? 'none' : tr.type;
    body.push(h('h3', {}, t('transitionPanel', { n: i + 1 })));
    const options = TRANSITION_CHOICES.includes(type as (typeof TRANSITION_CHOICES)[number])
      ? TRANSITION_CHOICES
      : [...TRANSITION_CHOICES, type];
    const kind = select(options, type, (o) => choiceLabel(lang, o), 'tr-type');
    kind.addEventListener('change', () => on.edit([transitionEdit([i], kind.value)]));
    body.push(field(t('transitionType'), kind, 'insp-tr-type'));
    const len = numberInput((tr?.d ?? 500) / 1000, { min: 0, step: 0.1, max: 5 }, 'tr-d');
    len.disabled = type === 'none';
    len.addEventListener('input', () => {
      const v = Number(len.value);
      if (Number.isFinite(v) && v > 0) on.edit([transitionEdit([i], undefined, v)], `tr${i}`);
    });
    body.push(field(t('transitionLength'), len, 'insp-tr-d'));
    const all = h(
      'button',
      { type: 'button', class: 'small', 'data-focus': 'tr-all', 'data-testid': 'apply-all' },
      t('applyAll'),
    );
    all.addEventListener('click', () => {
      const v = Number(len.value);
      on.edit([transitionEdit('all', kind.value, kind.value === 'none' ? undefined : v)]);
    });
    body.push(all);
  } else if (selected?.kind === 'text' && texts[selected.index]) {
    const j = selected.index;
    const seg = texts[j]!;
    body.push(h('h3', {}, t('textPanel', { n: j + 1 })));
    const words = h('input', { type: 'text', value: seg.text, maxlength: 500, 'data-focus': 'x-text' });
    words.addEventListener('change', () => {
      const e = setTextEdit(j, { text: words.value });
      if (e && words.value.trim() !== seg.text) on.edit([e]);
      else words.value = seg.text;
    });
    body.push(field(t('textContent'), words, 'insp-text'));
    const colour = h('input', { type: 'color', value: seg.m.color ?? '#ffffff', 'data-focus': 'x-color' });
    colour.addEventListener('change', () => {
      const e = setTextEdit(j, { color: colour.value });
      if (e) on.edit([e]);
    });
    body.push(field(t('textColor'), colour, 'insp-color'));
    const size = h('input', {
      type: 'range',
      min: 0.02,
      max: 0.2,
      step: 0.005,
      value: seg.m.size ?? DEFAULT_TEXT_SIZE,
      'data-focus': 'x-size',
    });
    size.addEventListener('input', () => {
      const e = setTextEdit(j, { size: Number(size.value) });
      if (e) on.edit([e], `ts${j}`);
    });
    body.push(field(t('textSize'), size, 'insp-size'));
    const pos = select(POSITION_NAMES, seg.m.pos ?? 'center', (o) => choiceLabel(lang, o), 'x-pos');
    pos.addEventListener('change', () => {
      const e = setTextEdit(j, { pos: pos.value as (typeof POSITION_NAMES)[number] });
      if (e) on.edit([e]);
    });
    body.push(field(t('textPos'), pos, 'insp-pos'));
    const start = numberInput(seg.s / 1000, { min: 0, step: 0.1 }, 'x-s');
    start.addEventListener('input', () => {
      const e = setTextEdit(j, { s: Number(start.value) });
      if (e) on.edit([e], `tt${j}`);
    });
    body.push(field(t('textStart'), start, 'insp-start'));
    const len = numberInput(seg.d / 1000, { min: 0.1, step: 0.1 }, 'x-d');
    len.addEventListener('input', () => {
      const e = setTextEdit(j, { d: Number(len.value) });
      if (e) on.edit([e], `tl${j}`);
    });
    body.push(field(t('textLength'), len, 'insp-len'));
    const remove = h(
      'button',
      { type: 'button', class: 'small danger', 'data-focus': 'x-remove' },
      t('removeText'),
    );
    remove.addEventListener('click', () => {
      on.edit([removeTextEdit(j)]);
      on.select(null);
    });
    body.push(remove);
  } else if (selected?.kind === 'music') {
    body.push(h('h3', {}, t('musicPanel')));
    const tracks = media.filter((m) => m.kind === 'audio');
    if (tracks.length === 0) body.push(h('p', { class: 'hint' }, t('noAudioYet')));
    else {
      const track = select(
        ['', ...tracks.map((m) => m.id)],
        audio?.src ?? '',
        (id) => (id ? (tracks.find((m) => m.id === id)?.name ?? id) : t('removeMusic')),
        'm-src',
      );
      track.addEventListener('change', () => {
        const e = track.value ? musicEdit({ src: track.value }) : removeMusicEdit();
        if (e) on.edit([e]);
      });
      body.push(field(t('musicTrack'), track, 'insp-track'));
    }
    if (audio) {
      const vol = h('input', {
        type: 'range',
        min: 0,
        max: 2,
        step: 0.05,
        value: audio.m.volume ?? 1,
        'data-focus': 'm-vol',
        'aria-valuetext': `${Math.round((audio.m.volume ?? 1) * 100)}%`,
      });
      vol.addEventListener('input', () => {
        vol.setAttribute('aria-valuetext', `${Math.round(Number(vol.value) * 100)}%`);
        const e = musicEdit({ volume: Number(vol.value) });
        if (e) on.edit([e], 'vol');
      });
      body.push(field(t('volume'), vol, 'insp-volume'));
      const fadeIn = numberInput((audio.m.fadeIn ?? 0) / 1000, { min: 0, step: 0.5 }, 'm-in');
      fadeIn.addEventListener('input', () => {
        const e = musicEdit({ fadeIn: Number(fadeIn.value) });
        if (e) on.edit([e], 'fin');
      });
      body.push(field(t('fadeIn'), fadeIn, 'insp-fadein'));
      const fadeOut = numberInput((audio.m.fadeOut ?? 0) / 1000, { min: 0, step: 0.5 }, 'm-out');
      fadeOut.addEventListener('input', () => {
        const e = musicEdit({ fadeOut: Number(fadeOut.value) });
        if (e) on.edit([e], 'fout');
      });
      body.push(field(t('fadeOut'), fadeOut, 'insp-fadeout'));
    }
  } else {
    body.push(h('p', { class: 'hint' }, t('nothingSelected')));
  }
  root.append(...body);
  if (focus) root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focus)}"]`)?.focus();
}
