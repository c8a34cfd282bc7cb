import './style.css';
import { ApiClient } from './api-client.ts';
import { ApiError, type Draft, type MediaInfo, type RenderInfo, type SessionState } from './api-types.ts';
import { byId, h } from './dom.ts';
import { pickLanguage, translate, type Lang, type MessageKey } from './i18n.ts';
import {
  PRESET_BUTTONS,
  addNewInstruction,
  createInstruction,
  durationInstruction,
  moveInstruction,
  presetInstruction,
  redoInstruction,
  removeInstruction,
  undoInstruction,
  type PresetButton,
} from './instruction-text.ts';
import { previewFps, previewSize } from './preview-size.ts';
import { eventCalls, eventText } from './sse-parser.ts';
import { renderTimeline } from './timeline-view.ts';

const KEY_LANG = 'photoreel.lang';
const POLL_MS = 600;

let lang: Lang = (localStorage.getItem(KEY_LANG) as Lang | null) ?? pickLanguage(navigator.language);
const t = (key: MessageKey, vars?: Record<string, string | number>): string => translate(lang, key, vars);

const api = new ApiClient(location.origin, localStorage, () => lang);
let state: SessionState = { draft: null, video_infos: [], generated_media: [] };
let credits: number | undefined;
const thumbs = new Map<string, Promise<string>>();

const el = {
  notice: byId('notice'),
  credits: byId('credits'),
  langToggle: byId<HTMLButtonElement>('lang-toggle'),
  newSession: byId<HTMLButtonElement>('new-session'),
  drop: byId('drop'),
  fileInput: byId<HTMLInputElement>('file-input'),
  uploads: byId<HTMLUListElement>('uploads'),
  addNew: byId<HTMLButtonElement>('add-new'),
  timeline: byId('timeline'),
  undo: byId<HTMLButtonElement>('undo'),
  redo: byId<HTMLButtonElement>('redo'),
  chatLog: byId<HTMLOListElement>('chat-log'),
  chatForm: byId<HTMLFormElement>('chat-form'),
  chatInput: byId<HTMLTextAreaElement>('chat-input'),
  chatSend: byId<HTMLButtonElement>('chat-send'),
  presets: byId('presets'),
  preview: byId<HTMLButtonElement>('preview'),
  export: byId<HTMLButtonElement>('export'),
  job: byId('job'),
  jobProgress: byId<HTMLProgressElement>('job-progress'),
  jobStatus: byId('job-status'),
  player: byId<HTMLVideoElement>('player'),
  download: byId<HTMLAnchorElement>('download'),
};

// ---- text -------------------------------------------------------------------------------------------

function applyLanguage(): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((node) => {
    node.textContent = t(node.dataset.i18n as MessageKey);
  });
  el.chatInput.placeholder = t('chatPlaceholder');
  el.langToggle.textContent = t('langToggle');
  el.langToggle.setAttribute('aria-label', t('langToggleLabel'));
  el.langToggle.lang = lang === 'zh' ? 'en' : 'zh';
  drawCredits();
  drawTimeline();
}

function notify(message: string, kind: 'info' | 'error' = 'info'): void {
  el.notice.textContent = message;
  el.notice.dataset.kind = kind;
}

function explain(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 2001) return t('outOfCredits');
    if (err.code === 429) return t('rateLimited');
    return t('error', { message: err.message });
  }
  if (err instanceof TypeError) return t('offline');
  return t('error', { message: err instanceof Error ? err.message : String(err) });
}

// ---- state ------------------------------------------------------------------------------------------

function videoItems(draft: Draft | null): Draft['t'][number]['sg'] {
  return draft?.t.find((tr) => tr.tt === 0)?.sg ?? [];
}

function thumbnail(id: string): Promise<string> {
  let p = thumbs.get(id);
  if (!p) {
    p = api.thumbnail(id);
    p.catch(() => thumbs.delete(id));
    thumbs.set(id, p);
  }
  return p;
}

function drawTimeline(): void {
  renderTimeline(el.timeline, state.draft, state.video_infos, t, {
    move: (from, to) => {
      const words = moveInstruction(from, to, videoItems(state.draft).length, lang);
      if (words) void instruct(words);
    },
    duration: (i, s) => {
      const words = durationInstruction(i, s, lang);
      if (words) void instruct(words);
    },
    remove: (i) => {
      const words = removeInstruction(i, lang);
      if (words) void instruct(words);
    },
    thumbnail,
  });
  const inDraft = new Set(videoItems(state.draft).map((s) => s.src));
  const visual = state.video_infos.filter((m) => m.kind !== 'audio');
  el.addNew.classList.toggle('hidden', inDraft.size === 0 || visual.every((m) => inDraft.has(m.id)));
}

async function refresh(): Promise<void> {
  state = await api.state();
  state.video_infos ??= [];
  state.generated_media ??= [];
  drawTimeline();
  void api.balance().then(
    (b) => {
      credits = b.available;
      drawCredits();
    },
    () => undefined,
  );
}

function drawCredits(): void {
  el.credits.textContent = credits === undefined ? '' : t('credits', { n: credits });
}

// ---- instructions -----------------------------------------------------------------------------------

/** Instructions run one at a time, in the order they were asked for. */
let queue: Promise<unknown> = Promise.resolve();
let pending = 0;

function setBusy(): void {
  const busy = pending > 0;
  document.body.classList.toggle('busy', busy);
  el.chatSend.textContent = busy ? t('working') : t('send');
  el.chatSend.setAttribute('aria-busy', String(busy));
}

function instruct(text: string): Promise<void> {
  pending++;
  setBusy();
  const run = async (): Promise<void> => {
    const you = h('li', { class: 'you' }, text);
    const answer = h('li', { class: 'answer', 'data-testid': 'answer' }, t('working'));
    el.chatLog.append(you, answer);
    const follow = () => (el.chatLog.scrollTop = el.chatLog.scrollHeight);
    follow();
    let said = '';
    const calls: string[] = [];
    try {
      await api.instruct(text, (event) => {
        const words = eventText(event);
        calls.push(...eventCalls(event));
        if (words) {
          said = said ? `${said}\n${words}` : words;
          answer.textContent = said;
          follow();
        }
      });
      if (!said) answer.textContent = calls.length ? calls.join(', ') : '✓';
      answer.dataset.done = 'true';
      await refresh();
    } catch (err) {
      answer.textContent = explain(err);
      answer.classList.add('error');
      answer.dataset.done = 'true';
    }
  };
  const next = queue.then(run, run);
  queue = next;
  return next.finally(() => {
    pending--;
    setBusy();
  });
}

// ---- uploads ----------------------------------------------------------------------------------------

function refusal(file: File, err: ApiError): string {
  if (err.code === 4001 || err.status === 415) return t('refusedType', { name: file.name });
  if (err.code === 4002 || err.status === 413) return t('refusedSize', { name: file.name });
  return t('refusedOther', { name: file.name, message: explain(err) });
}

async function uploadFiles(files: readonly File[]): Promise<void> {
  if (files.length === 0) return;
  const added: MediaInfo[] = [];
  // One request per file, one after another: the timeline keeps the order the files were chosen in,
  // progress stays readable and a refusal names its file.
  const rows = files.map((file) => {
    const bar = h('progress', { max: 1, value: 0, 'aria-label': file.name });
    const text = h('span', {}, t('uploading', { name: file.name, pct: 0 }));
    const li = h('li', { 'data-testid': 'upload' }, text, bar);
    el.uploads.append(li);
    return { file, li, bar, text };
  });
  for (const row of rows) {
    const result = await api.upload(row.file, (f) => {
      row.bar.value = f;
      row.text.textContent = t('uploading', { name: row.file.name, pct: Math.round(f * 100) });
    });
    row.bar.remove();
    if (result.media) {
      added.push(result.media);
      row.text.textContent = t('uploaded', { name: row.file.name });
      row.li.classList.add('ok');
    } else if (result.error) {
      row.text.textContent = refusal(row.file, result.error);
      row.li.classList.add('refused');
      row.li.dataset.testid = 'refused';
      row.li.setAttribute('role', 'alert');
    }
  }
  if (added.length === 0) return;
  await refresh();
  const hasVisual = state.video_infos.some((m) => m.kind !== 'audio');
  // An empty timeline shows the photos at once (any edit would build it too, but people want to see them).
  // Later uploads wait for the "Add the new photos" button, so edits already made are kept.
  if (videoItems(state.draft).length === 0 && hasVisual) {
    notify(t('building'));
    await instruct(createInstruction(lang));
    notify('');
  }
}

// ---- renders ----------------------------------------------------------------------------------------

let renderRun = 0;

function showVideo(url: string, kind: 'preview' | 'render'): void {
  el.player.src = url;
  el.player.classList.remove('hidden');
  el.player.dataset.kind = kind;
  el.download.href = url;
  el.download.classList.remove('hidden');
}

/** After a reload: the session's latest finished export, ready to play and download again. */
function showLatestExport(): void {
  const done = state.generated_media.filter(
    (r) => r.status === 'completed' && !r.id.startsWith('preview_') && (r.output?.url ?? r.url),
  );
  const last = done
    .sort((a, b) => String(a.created_at ?? '').localeCompare(String(b.created_at ?? '')))
    .at(-1);
  const url = last?.output?.url ?? last?.url;
  if (url) showVideo(url, 'render');
}

function renderError(info: RenderInfo): string {
  const e = info.error;
  if (!e) return '';
  return typeof e === 'string' ? e : (e.message ?? String(e.code ?? ''));
}

async function startRender(kind: 'preview' | 'render'): Promise<void> {
  const run = ++renderRun;
  try {
    await queue;
    await refresh();
    const draft = state.draft;
    if (!draft || videoItems(draft).length === 0) {
      notify(t('needPhotos'), 'error');
      return;
    }
    let body: Draft = draft;
    if (kind === 'preview') {
      body = { ...draft, ...previewSize(draft.w, draft.h), fps: previewFps(draft.fps) };
    }
    const id = `${kind}_${Date.now()}`;
    el.job.classList.remove('hidden');
    el.job.dataset.state = 'queued';
    el.player.classList.add('hidden');
    el.download.classList.add('hidden');
    el.jobProgress.value = 0;
    el.jobStatus.textContent = t('queued');
    let info = await api.startRender(id, body);
    while (info.status === 'queued' || info.status === 'rendering') {
      if (run !== renderRun) return;
      const p = Math.max(0, Math.min(1, info.progress ?? 0));
      el.jobProgress.value = p;
      el.job.dataset.state = info.status;
      el.jobStatus.textContent =
        info.status === 'queued' ? t('queued') : t('rendering', { pct: Math.round(p * 100) });
      await new Promise((r) => setTimeout(r, POLL_MS));
      info = await api.render(id);
    }
    if (run !== renderRun) return;
    el.job.dataset.state = info.status;
    if (info.status === 'completed' && info.output?.url) {
      el.jobProgress.value = 1;
      el.jobStatus.textContent = t('completed');
      showVideo(info.output.url, kind);
    } else {
      el.jobStatus.textContent = t('failed', { message: renderError(info) });
    }
  } catch (err) {
    el.jobStatus.textContent = explain(err);
    el.job.dataset.state = 'failed';
  }
}

// ---- wiring -----------------------------------------------------------------------------------------

el.fileInput.addEventListener('change', () => {
  const files = [...(el.fileInput.files ?? [])];
  el.fileInput.value = '';
  void uploadFiles(files);
});
el.drop.addEventListener('dragover', (e) => {
  if (!e.dataTransfer?.types.includes('Files')) return;
  e.preventDefault();
  el.drop.classList.add('over');
});
el.drop.addEventListener('dragleave', () => el.drop.classList.remove('over'));
el.drop.addEventListener('drop', (e) => {
  if (!e.dataTransfer?.files.length) return;
  e.preventDefault();
  el.drop.classList.remove('over');
  void uploadFiles([...e.dataTransfer.files]);
});
el.addNew.addEventListener('click', () => void instruct(addNewInstruction(lang)));
el.undo.addEventListener('click', () => void instruct(undoInstruction(lang)));
el.redo.addEventListener('click', () => void instruct(redoInstruction(lang)));
el.chatForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const text = el.chatInput.value.trim();
  if (!text) return;
  el.chatInput.value = '';
  void instruct(text);
});
el.chatInput.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    el.chatForm.requestSubmit();
  }
});
el.presets.addEventListener('click', (e) => {
  const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-preset]');
  const preset = button?.dataset.preset as PresetButton | undefined;
  if (preset && PRESET_BUTTONS.includes(preset)) void instruct(presetInstruction(preset, lang));
});
el.preview.addEventListener('click', () => void startRender('preview'));
el.export.addEventListener('click', () => void startRender('render'));
el.langToggle.addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem(KEY_LANG, lang);
  applyLanguage();
  setBusy();
});
el.newSession.addEventListener('click', () => {
  void (async () => {
    try {
      await api.startOver();
      thumbs.clear();
      el.uploads.replaceChildren();
      el.chatLog.replaceChildren();
      el.job.classList.add('hidden');
      el.player.classList.add('hidden');
      el.download.classList.add('hidden');
      await refresh();
    } catch (err) {
      notify(explain(err), 'error');
    }
  })();
});

applyLanguage();
notify(t('starting'));
api
  .ready()
  .then(refresh)
  .then(
    () => {
      showLatestExport();
      notify('');
      document.body.dataset.ready = 'true';
    },
    (err: unknown) => notify(explain(err), 'error'),
  );
