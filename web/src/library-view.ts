/** The media library: every upload of the project (photos, clips, music) with "add" / "use" actions. */
import type { Draft, MediaInfo } from './api-types.ts';
import { h } from './dom.ts';
import { videoItems } from './edit-builders.ts';
import type { MessageKey } from './i18n.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface LibraryHandlers {
  /** Appends visual media to the timeline (all new ones when `ids` is undefined). */
  add(ids?: string[]): void;
  /** Makes this audio file the music. */
  useMusic(id: string): void;
  thumbnail(mediaId: string): Promise<string>;
}

export function renderLibrary(
  root: HTMLElement,
  draft: Draft | null,
  media: readonly MediaInfo[],
  t: T,
  on: LibraryHandlers,
): void {
  root.replaceChildren();
  if (media.length === 0) {
    root.append(h('li', { class: 'hint' }, t('libraryEmpty')));
    return;
  }
  const onTimeline = new Set(videoItems(draft).map((s) => s.src));
  const music = draft?.t.find((tr) => tr.tt === 1)?.sg[0]?.src;
  const hasTimeline = onTimeline.size > 0;
  const fresh = media.filter((m) => m.kind !== 'audio' && !onTimeline.has(m.id));
  if (hasTimeline && fresh.length > 1) {
    const all = h('button', { type: 'button', class: 'small', 'data-testid': 'add-all' }, t('addAll'));
    all.addEventListener('click', () => on.add());
    root.append(h('li', { class: 'lib-all' }, all));
  }
  for (const m of media) {
    const used = m.kind === 'audio' ? music === m.id : onTimeline.has(m.id);
    const thumb =
      m.kind === 'audio'
        ? h('span', { class: 'lib-icon', 'aria-hidden': 'true' }, '♪')
        : h('img', { alt: '', width: 48, height: 48, loading: 'lazy' });
    if (thumb instanceof HTMLImageElement) {
      on.thumbnail(m.id).then(
        (url) => (thumb.src = url),
        () => thumb.classList.add('missing'),
      );
    }
    let action: HTMLElement | null = null;
    if (used) action = h('span', { class: 'badge' }, t('inUse'));
    else if (m.kind === 'audio' && hasTimeline) {
      action = h(
        'button',
        {
          type: 'button',
          class: 'small',
          'aria-label': t('useOf', { name: m.name }),
          'data-testid': 'lib-use',
        },
        t('use'),
      );
      action.addEventListener('click', () => on.useMusic(m.id));
    } else if (m.kind !== 'audio') {
      action = h(
        'button',
        {
          type: 'button',
          class: 'small',
          'aria-label': t('addOf', { name: m.name }),
          'data-testid': 'lib-add',
        },
        t('add'),
      );
      action.addEventListener('click', () => on.add([m.id]));
    }
    root.append(
      h(
        'li',
        {
          class: `lib-item${used ? ' used' : ''}`,
          'data-testid': 'library-item',
          'data-kind': m.kind,
          'data-id': m.id,
        },
        thumb,
        h(
          'span',
          { class: 'lib-name' },
          h('span', {}, m.name),
          h('small', {}, t(`kind_${m.kind}` as MessageKey)),
        ),
        action,
      ),
    );
  }
}
