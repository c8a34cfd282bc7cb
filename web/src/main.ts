import './style.css';
import { ApiClient } from './api-client.ts';
import { ApiError, type Draft, type MediaInfo, type RenderInfo, type SessionState } from './api-types.ts';
import { byId, h } from './dom.ts';
import {
  addMediaEdit,
  addTextEdit,
  currentPreset,
  durationEdit,
  moveEdit,
  musicEdit,
  nameEdit,
  presetEdit,
  removeEdit,
  slideshowEdit,
  videoItems,
  type EditJSON,
} from './edit-builders.ts';
import { EditQueue } from './edit-queue.ts';
import { EditsClient } from './edits-client.ts';
import { draftFingerprint, formatDuration, secondsLeft } from './export-progress.ts';
import { pickLanguage, translate, type Lang, type MessageKey } from './i18n.ts';
import { renderInspector } from './inspector.ts';
import { renderLibrary } from './library-view.ts';
import { MediaUrls } from './media-urls.ts';
import { classify, retryable } from './network.ts';
import { mountLivePlayer, type PlayerLike } from './player-slot.ts';
import { downloadName, forgetProject, readProjects, rememberProject, renameProject } from './projects.ts';
import { eventCalls, eventText } from './sse-parser.ts';
import { localizeReply } from './summary-text.ts';
import { markCurrent, renderTimeline, type Selection } from './timeline-view.ts';
import type { PresetName } from '../../src/timeline/presets.ts';
import { itemTimings } from '../../src/timeline/timing.ts';

const KEY_LANG = 'photoreel.lang';
const KEY_SESSION = 'photoreel.session';
const KEY_EXPORTS = 'photoreel.exports';
const POLL_MS = 600;

let lang: Lang = (localStorage.getItem(KEY_LANG) as Lang | null) ?? pickLanguage(navigator.language);
const t = (key: MessageKey, vars?: Record<string, string | number>): string => translate(lang, key, vars);

let api = new ApiClient(location.origin, localStorage, () => lang);
const edits = new EditsClient(() => api);
let state: SessionState = { draft: null, video_infos: [], generated_media: [] };
let credits: number | undefined;
let selected: Selection | null = null;
let player: PlayerLike | undefined;
const thumbs = new Map<string, Promise<string>>();
const thumbUrls = new Map<string, string>();
/** The player's files (photos at 1280 px, clips and music as uploaded) as object URLs, per media id. */
const files = new MediaUrls({ fetchFile: (id) => edits.mediaFile(id) });

const el = {
  notice: byId('notice'),
  noticeAction: byId<HTMLButtonElement>('notice-action'),
  credits: byId('credits'),
  langToggle: byId<HTMLButtonElement>('lang-toggle'),
  projectName: byId<HTMLInputElement>('project-name'),
  projects: byId<HTMLDetailsElement>('projects'),
  projectList: byId<HTMLUListElement>('project-list'),
  newSession: byId<HTMLButtonElement>('new-session'),
  drop: byId('drop'),
  dropOverlay: byId('drop-overlay'),
  fileInput: byId<HTMLInputElement>('file-input'),
  uploads: byId<HTMLUListElement>('uploads'),
  library: byId<HTMLUListElement>('library'),
  timeline: byId('timeline'),
  inspector: byId('inspector'),
  undo: byId<HTMLButtonElement>('undo'),
  redo: byId<HTMLButtonElement>('redo'),
  chatLog: byId<HTMLOListElement>('chat-log'),
  chatForm: byId<HTMLFormElement>('chat-form'),
  chatInput: byId<HTMLTextAreaElement>('chat-input'),
  chatSend: byId<HTMLButtonElement>('chat-send'),
  playerBox: byId('player'),
  approx: byId('approx'),
  export: byId<HTMLButtonElement>('export'),
  cancel: byId<HTMLButtonElement>('cancel'),
  job: byId('job'),
  jobProgress: byId<HTMLProgressElement>('job-progress'),
  jobStatus: byId('job-status'),
  result: byId('result'),
  resultVideo: byId<HTMLVideoElement>('result-video'),
  download: byId<HTMLAnchorElement>('download'),
  stale: byId('stale'),
};

// ---- text and notices -------------------------------------------------------------------------------

let noticeAction: (() => void) | undefined;

/** Shows a sentence in the notice bar, with an optional action button (Try again, Back to …). */
function notify(
  message: string,
  kind: 'info' | 'error' = 'info',
  action?: { label: string; run: () => void },
): void {
  el.notice.textContent = message;
  el.notice.dataset.kind = kind;
  noticeAction = action?.run;
  el.noticeAction.textContent = action?.label ?? '';
  el.noticeAction.classList.toggle('hidden', !action);
}

function explain(err: unknown): string {
  const trouble = classify(err, navigator.onLine);
  const message = err instanceof Error ? err.message : String(err);
  switch (trouble) {
    case 'offline':
      return t('offline');
    case 'server-down':
      return t('serverDown');
    case 'server-error':
      return t('serverError', { message });
    case 'credits':
      return t('outOfCredits');
    case 'rate':
      return t('rateLimited');
    default:
      return t('error', { message });
  }
}

/** Says what failed; offers "Try again" when trying again can help. */
function fail(err: unknown, retry?: () => void): void {
  const trouble = classify(err, navigator.onLine);
  notify(
    explain(err),
    'error',
    retry && retryable(trouble)
      ? {
          label: t('retry'),
          run: () => {
            notify('');
            retry();
          },
        }
      : undefined,
  );
}

function applyLanguage(): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((node) => {
    node.textContent = t(node.dataset.i18n as MessageKey);
  });
  document.querySelectorAll<HTMLButtonElement>('button[data-preset]').forEach((b) => {
    const key =
      `preset${b.dataset.preset!.charAt(0).toUpperCase()}${b.dataset.preset!.slice(1)}Label` as MessageKey;
    b.setAttribute('aria-label', t(key));
    b.title = t(key);
  });
  el.chatInput.placeholder = t('chatPlaceholder');
  el.projectName.placeholder = t('untitled');
  el.langToggle.textContent = t('langToggle');
  el.langToggle.setAttribute('aria-label', `${t('langToggle')} (${t('langToggleLabel')})`);
  el.fileInput.setAttribute('aria-label', t('choose'));
  el.langToggle.lang = lang === 'zh' ? 'en' : 'zh';
  drawCredits();
  drawAll();
  setBusy();
}

// ---- state ------------------------------------------------------------------------------------------

function thumbnail(id: string): Promise<string> {
  let p = thumbs.get(id);
  if (!p) {
    p = api.thumbnail(id);
    p.then(
      (url) => thumbUrls.set(id, url),
      () => thumbs.delete(id),
    );
    thumbs.set(id, p);
  }
  return p;
}

function projectTitle(): string {
  return state.draft?.m.name ?? '';
}

function setState(next: SessionState): void {
  state = next;
  state.video_infos ??= [];
  state.generated_media ??= [];
  const items = videoItems(state.draft);
  if (selected && selected.kind !== 'music') {
    const texts = state.draft?.t.find((tr) => tr.tt === 7)?.sg.length ?? 0;
    const limit =
      selected.kind === 'item' ? items.length : selected.kind === 'transition' ? items.length - 1 : texts;
    if (selected.index >= limit) selected = null;
  }
  drawAll();
  const sid = api.sessionId;
  if (sid) rememberProject(localStorage, { id: sid, name: projectTitle(), at: Date.now() });
  drawProjects();
}

function drawAll(): void {
  renderTimeline(
    el.timeline,
    { draft: state.draft, media: state.video_infos, t, lang, selected },
    {
      move: (from, to) => {
        const e = moveEdit(from, to, videoItems(state.draft).length);
        if (e) void edit([e]);
      },
      duration: (i, s) => {
        const e = durationEdit(i, s);
        if (e) void edit([e], `d${i}`);
      },
      remove: (i) => {
        selected = null;
        void edit([removeEdit(i)]);
      },
      select: (s) => {
        selected = s;
        drawAll();
        seekTo(s);
      },
      addText: () => void addText(),
      thumbnail,
    },
  );
  renderInspector(
    el.inspector,
    { draft: state.draft, media: state.video_infos, selected, t, lang },
    {
      edit: (list, key) => void edit(list, key),
      select: (s) => {
        selected = s;
        drawAll();
      },
    },
  );
  renderLibrary(el.library, state.draft, state.video_infos, t, {
    add: (ids) => void addMedia(ids),
    useMusic: (id) => {
      const e = musicEdit({ src: id });
      if (e) void edit([e]);
    },
    thumbnail,
  });
  const preset = currentPreset(state.draft);
  document.querySelectorAll<HTMLButtonElement>('button[data-preset]').forEach((b) => {
    b.setAttribute('aria-pressed', String(b.dataset.preset === preset));
    b.disabled = !state.draft || videoItems(state.draft).length === 0;
  });
  if (document.activeElement !== el.projectName) el.projectName.value = projectTitle();
  el.download.download = downloadName(projectTitle() || t('untitled'));
  el.download.textContent = t('download', { file: el.download.download });
  drawStale();
  feeding = feedPlayer();
}

/** The player jumps to what was selected: a photo's first frame, a transition's middle, a text's start. */
function seekTo(s: Selection | null): void {
  if (!player || !s || s.kind === 'music') return;
  const times = itemTimings(videoItems(state.draft));
  if (s.kind === 'item') {
    const at = times[s.index];
    if (at) player.seek(at.start);
  } else if (s.kind === 'transition') {
    const at = times[s.index];
    const tr = videoItems(state.draft)[s.index]?.m.tr;
    if (at) player.seek(Math.max(at.start, at.end - (tr?.d ?? 0) / 2));
  } else {
    const text = state.draft?.t.find((tr) => tr.tt === 7)?.sg[s.index];
    if (text) player.seek(text.s);
  }
}

let feedRun = 0;
let feeding: Promise<void> = Promise.resolve();

/**
 * Gives the player the draft once the media it draws are at hand: mediaUrl answers synchronously, so the files
 * (object URLs: their route needs the token) are fetched first; files of media that left the draft, or of
 * another session, are let go. A file that cannot be fetched falls back to its thumbnail.
 */
async function feedPlayer(): Promise<void> {
  const draft = state.draft;
  const ids = new Set(draft?.t.flatMap((tr) => (tr.tt === 7 ? [] : tr.sg.map((s) => s.src))) ?? []);
  files.useSession(api.sessionId ?? undefined);
  files.keepOnly(ids);
  if (!player || !draft) return;
  const run = ++feedRun;
  await Promise.all([...ids].map((id) => files.load(id).catch(() => thumbnail(id).catch(() => ''))));
  if (run !== feedRun || !player) return;
  player.setDraft(draft);
  drawApprox();
}

function drawApprox(): void {
  const list = player?.approximated() ?? [];
  el.approx.textContent = list.length ? t('approximated', { list: list.join(', ') }) : '';
  el.approx.classList.toggle('hidden', list.length === 0);
}

async function refresh(): Promise<void> {
  setState(await api.state());
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

// ---- structured edits (free, one undo step each) ----------------------------------------------------

const queue = new EditQueue<SessionState>(
  async (list) => {
    const next = await edits.apply(list);
    setState(next);
    return next;
  },
  (err, list) => {
    // The page shows the draft as the server has it; "Try again" sends the same edits.
    void api.state().then(setState, () => undefined);
    if (err instanceof ApiError && classify(err, navigator.onLine) === 'refused') {
      notify(t('editFailed', { message: err.message }), 'error');
    } else fail(err, () => void edit(list));
  },
);
// For the tests: how many edit requests the page sent; the player's files; when the player shows the draft.
(window as unknown as { photoreel: unknown }).photoreel = {
  edits: queue,
  files,
  player: () => player,
  playerReady: async () => {
    await feeding;
    await player?.whenReady?.();
  },
};

function edit(list: EditJSON[], key?: string): Promise<SessionState | undefined> {
  return queue.push(list, key);
}

async function addMedia(ids?: string[]): Promise<void> {
  const e =
    state.draft && videoItems(state.draft).length > 0
      ? addMediaEdit(state.draft, state.video_infos, ids)
      : slideshowEdit(ids ? state.video_infos.filter((m) => ids.includes(m.id)) : state.video_infos);
  if (e) await edit([e]);
}

async function addText(): Promise<void> {
  const items = videoItems(state.draft);
  if (items.length === 0) return;
  const at = selected?.kind === 'item' ? selected.index : 0;
  const e = addTextEdit(t('newText'), { item: at });
  if (!e) return;
  const next = await edit([e]);
  const texts = next?.draft?.t.find((tr) => tr.tt === 7)?.sg ?? [];
  if (texts.length) {
    selected = { kind: 'text', index: texts.length - 1 };
    drawAll();
    el.inspector.querySelector<HTMLInputElement>('input[type="text"]')?.select();
  }
}

// ---- words (/run_sse) -------------------------------------------------------------------------------

let chat: Promise<unknown> = Promise.resolve();
let pending = 0;

function setBusy(): void {
  const busy = pending > 0;
  document.body.classList.toggle('busy', busy);
  el.chatSend.textContent = busy ? t('working') : t('send');
  el.chatSend.setAttribute('aria-busy', String(busy));
}

/** Runs `run` after every earlier message (words, undo, redo) has finished, showing busy meanwhile. */
function inTurn(run: () => Promise<boolean>): Promise<boolean> {
  pending++;
  setBusy();
  const next = chat.then(run, run);
  chat = next;
  return next.finally(() => {
    pending--;
    setBusy();
  });
}

/** Sends words; resolves true when the server answered. Runs one at a time, after the controls' edits. */
function instruct(text: string, echo = true): Promise<boolean> {
  const run = async (): Promise<boolean> => {
    await queue.flush();
    const you = echo ? h('li', { class: 'you' }, text) : null;
    const answer = h('li', { class: 'answer', 'data-testid': 'answer' }, t('working'));
    if (you) el.chatLog.append(you);
    el.chatLog.append(answer);
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
      await refresh();
      answer.textContent = said
        ? localizeReply(said, state.draft, state.video_infos, lang)
        : calls.join(', ') || '✓';
      answer.dataset.done = 'true';
      return true;
    } catch (err) {
      answer.textContent = t('notSent', { reason: `${explain(err)} ` });
      answer.classList.add('error');
      answer.dataset.done = 'true';
      return false;
    }
  };
  return inTurn(run);
}

// ---- undo and redo (free: POST …/undo, …/redo) ------------------------------------------------------

/** Undoes or redoes one step of the session's history, after the edits and words sent before it. */
function historyStep(which: 'undo' | 'redo'): Promise<boolean> {
  const run = async (): Promise<boolean> => {
    await queue.flush();
    try {
      setState(await edits.step(which));
      return true;
    } catch (err) {
      fail(err, () => void historyStep(which));
      return false;
    }
  };
  return inTurn(run);
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
  try {
    await refresh();
  } catch (err) {
    fail(err, () => void refresh().catch(fail));
    return;
  }
  // An empty timeline shows the photos at once. Later photos wait in the library ("Add"), so edits made are kept;
  // music uploaded when there is none is used at once.
  if (videoItems(state.draft).length === 0) {
    const e = slideshowEdit(state.video_infos);
    if (e) {
      notify(t('building'));
      await edit([e]);
      notify('');
    }
  } else if (!state.draft?.t.some((tr) => tr.tt === 1 && tr.sg.length > 0)) {
    const music = added.find((m) => m.kind === 'audio');
    const e = music ? musicEdit({ src: music.id }) : undefined;
    if (e) await edit([e]);
  }
}

// ---- exports ----------------------------------------------------------------------------------------

interface ExportMarks {
  [renderId: string]: string;
}

function exportMarks(): ExportMarks {
  try {
    return JSON.parse(localStorage.getItem(KEY_EXPORTS) ?? '{}') as ExportMarks;
  } catch {
    return {};
  }
}

function markExport(id: string, draft: Draft): void {
  const marks = exportMarks();
  marks[id] = draftFingerprint(draft);
  const keys = Object.keys(marks);
  for (const k of keys.slice(0, Math.max(0, keys.length - 50))) delete marks[k];
  localStorage.setItem(KEY_EXPORTS, JSON.stringify(marks));
}

let shownExport: string | undefined;
let exporting: { id: string; cancelled: boolean } | undefined;

function drawStale(): void {
  const mark = shownExport ? exportMarks()[shownExport] : undefined;
  const stale = !!mark && !!state.draft && mark !== draftFingerprint(state.draft);
  el.stale.classList.toggle('hidden', !stale);
  el.result.dataset.stale = String(stale);
}

function showVideo(id: string, url: string, scroll: boolean): void {
  shownExport = id;
  el.resultVideo.src = url;
  el.download.href = url;
  el.result.classList.remove('hidden');
  drawStale();
  if (scroll) el.result.scrollIntoView({ block: 'center', behavior: 'smooth' });
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
  if (last && url) showVideo(last.id, url, false);
  else {
    shownExport = undefined;
    el.result.classList.add('hidden');
  }
}

function renderError(info: RenderInfo): string {
  const e = info.error;
  if (!e) return '';
  return typeof e === 'string' ? e : (e.message ?? String(e.code ?? ''));
}

function setExporting(on: boolean): void {
  el.export.disabled = on;
  el.export.setAttribute('aria-busy', String(on));
  el.export.textContent = on ? t('exporting') : t('export');
  el.cancel.classList.toggle('hidden', !on);
  // Cancel works once the server has the render (see startExport).
  el.cancel.disabled = true;
}

async function startExport(): Promise<void> {
  if (exporting) return; // a second click while one runs starts nothing
  const job = { id: `render_${Date.now()}`, cancelled: false };
  exporting = job;
  const hadFocus = document.activeElement === el.export;
  setExporting(true);
  try {
    await queue.flush();
    await chat;
    await refresh();
    const draft = state.draft;
    if (!draft || videoItems(draft).length === 0) {
      notify(t('needPhotos'), 'error');
      return;
    }
    el.job.classList.remove('hidden');
    el.job.dataset.state = 'queued';
    el.jobProgress.value = 0;
    el.jobStatus.textContent = t('queued');
    let info = await api.startRender(job.id, draft);
    markExport(job.id, draft);
    el.cancel.disabled = false;
    // The Export button is disabled while it runs: keyboard focus moves to Cancel, not to the page's start.
    const lost = document.activeElement === document.body || document.activeElement === el.export;
    if (hadFocus && lost) el.cancel.focus();
    let started: number | undefined;
    while (info.status === 'queued' || info.status === 'rendering') {
      if (job.cancelled) return;
      const p = Math.max(0, Math.min(1, info.progress ?? 0));
      if (info.status === 'rendering') started ??= Date.now();
      el.jobProgress.value = p;
      el.job.dataset.state = info.status;
      const left = started === undefined ? undefined : secondsLeft(p, Date.now() - started);
      el.jobStatus.textContent =
        info.status === 'queued'
          ? t('queued')
          : left === undefined
            ? t('rendering', { pct: Math.round(p * 100) })
            : t('renderingLeft', { pct: Math.round(p * 100), left: formatDuration(left, lang) });
      await new Promise((r) => setTimeout(r, POLL_MS));
      if (job.cancelled) return;
      info = await api.render(job.id);
    }
    el.job.dataset.state = info.status;
    if (info.status === 'completed' && info.output?.url) {
      el.jobProgress.value = 1;
      el.jobStatus.textContent = t('completed');
      showVideo(job.id, info.output.url, true);
    } else {
      el.jobStatus.textContent = t('failed', { message: renderError(info) });
    }
  } catch (err) {
    if (job.cancelled) return;
    el.jobStatus.textContent = explain(err);
    el.job.dataset.state = 'failed';
  } finally {
    if (exporting === job) {
      exporting = undefined;
      setExporting(false);
    }
  }
}

async function cancelExport(): Promise<void> {
  const job = exporting;
  if (!job) return;
  try {
    const done = await edits.cancelRender(job.id);
    if (!done) {
      el.cancel.remove(); // this server has no cancel: do not offer it again
      notify(t('noCancel'));
      return;
    }
    job.cancelled = true;
    exporting = undefined;
    const hadFocus = document.activeElement === el.cancel;
    setExporting(false);
    if (hadFocus) el.export.focus();
    el.job.dataset.state = 'cancelled';
    el.jobStatus.textContent = t('cancelled');
  } catch (err) {
    fail(err);
  }
}

// ---- projects ---------------------------------------------------------------------------------------

function drawProjects(): void {
  const current = api.sessionId;
  el.projectList.replaceChildren(
    ...readProjects(localStorage).map((p) => {
      const name = p.name || t('untitled');
      if (p.id === current) {
        return h(
          'li',
          { 'aria-current': 'true', 'data-testid': 'project' },
          h('span', {}, name),
          ' ',
          h('small', {}, t('thisProject')),
        );
      }
      const b = h(
        'button',
        { type: 'button', class: 'link', 'aria-label': t('openProject', { name }) },
        name,
      );
      b.addEventListener('click', () => void openProject(p.id));
      return h('li', { 'data-testid': 'project' }, b);
    }),
  );
}

function resetPanels(): void {
  thumbs.clear();
  thumbUrls.clear();
  selected = null;
  el.uploads.replaceChildren();
  el.chatLog.replaceChildren();
  el.job.classList.add('hidden');
  el.result.classList.add('hidden');
  shownExport = undefined;
}

/** Switches to another project of this browser (its session). */
async function openProject(id: string): Promise<void> {
  await queue.flush();
  el.projects.open = false;
  const previous = api.sessionId;
  localStorage.setItem(KEY_SESSION, id);
  api = new ApiClient(location.origin, localStorage, () => lang);
  resetPanels();
  try {
    await refresh();
    if (api.sessionId !== id) {
      // The server no longer has it (ApiClient made a new one): drop it from the list.
      forgetProject(localStorage, id);
      drawProjects();
      notify(t('projectGone'), 'error');
      return;
    }
    showLatestExport();
    notify('');
  } catch (err) {
    if (previous) localStorage.setItem(KEY_SESSION, previous);
    api = new ApiClient(location.origin, localStorage, () => lang);
    fail(err);
  }
}

/** A new, empty project; the one left stays in Projects and the notice offers to go back to it. */
async function newProject(): Promise<void> {
  await queue.flush();
  el.projects.open = false;
  const previous = api.sessionId;
  const previousName = projectTitle() || t('untitled');
  try {
    await api.startOver();
    resetPanels();
    await refresh();
    if (previous) {
      notify(t('newProjectDone', { name: previousName }), 'info', {
        label: t('backTo', { name: previousName }),
        run: () => {
          notify('');
          void openProject(previous);
        },
      });
    }
  } catch (err) {
    fail(err);
  }
}

// ---- wiring -----------------------------------------------------------------------------------------

el.fileInput.addEventListener('change', () => {
  const files = [...(el.fileInput.files ?? [])];
  el.fileInput.value = '';
  void uploadFiles(files);
});
document.addEventListener('click', (e) => {
  const pick = (e.target as HTMLElement).closest('[data-pick]');
  if (pick) el.fileInput.click();
});

// Files dropped anywhere on the page are uploaded.
let dragDepth = 0;
const hasFiles = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');
window.addEventListener('dragenter', (e) => {
  if (!hasFiles(e)) return;
  dragDepth++;
  el.dropOverlay.classList.remove('hidden');
});
window.addEventListener('dragover', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
});
window.addEventListener('dragleave', (e) => {
  if (!hasFiles(e)) return;
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) el.dropOverlay.classList.add('hidden');
});
window.addEventListener('drop', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  dragDepth = 0;
  el.dropOverlay.classList.add('hidden');
  void uploadFiles([...(e.dataTransfer?.files ?? [])]);
});

el.undo.addEventListener('click', () => void historyStep('undo'));
el.redo.addEventListener('click', () => void historyStep('redo'));
el.chatForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const text = el.chatInput.value.trim();
  if (!text) return;
  el.chatInput.value = '';
  void instruct(text).then((ok) => {
    // Typed words are never lost: on failure they go back in the box (unless something new was typed).
    if (!ok && !el.chatInput.value) el.chatInput.value = text;
    if (!ok) el.chatInput.focus();
  });
});
el.chatInput.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    el.chatForm.requestSubmit();
  }
});
document.querySelectorAll<HTMLButtonElement>('button[data-preset]').forEach((b) =>
  b.addEventListener('click', () => {
    if (!state.draft) return;
    const e = presetEdit(state.draft, b.dataset.preset as PresetName);
    if (e) void edit([e]);
  }),
);
el.projectName.addEventListener('change', () => {
  const name = el.projectName.value.trim();
  if (name === projectTitle() || !state.draft) return;
  void edit([nameEdit(name)]).then(() => {
    const sid = api.sessionId;
    if (sid) renameProject(localStorage, sid, projectTitle());
    drawProjects();
  });
});
el.projectName.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') el.projectName.blur();
});
el.export.addEventListener('click', () => void startExport());
el.cancel.addEventListener('click', () => void cancelExport());
el.noticeAction.addEventListener('click', () => noticeAction?.());
el.newSession.addEventListener('click', () => void newProject());
el.langToggle.addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem(KEY_LANG, lang);
  applyLanguage();
  // The player draws its own controls in the language it was started with: start it again.
  if (player) {
    player.destroy();
    player = undefined;
    void startPlayer();
  }
});
// A field's last change waiting for its pause is sent when the page is hidden or closed.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') void queue.flush();
});
window.addEventListener('pagehide', () => void queue.flush());
window.addEventListener('online', () => {
  if (el.notice.dataset.kind === 'error') noticeAction?.();
});

// ---- start ------------------------------------------------------------------------------------------

function start(): void {
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
      (err: unknown) => fail(err, start),
    );
}

applyLanguage();
start();
async function startPlayer(): Promise<void> {
  const p = await mountLivePlayer(el.playerBox, {
    mediaUrl: (src) => files.get(src) ?? thumbUrls.get(src) ?? '',
    lang,
  });
  if (!p) {
    el.playerBox.replaceChildren(h('p', { class: 'player-placeholder' }, t('playerMissing')));
    el.playerBox.dataset.missing = 'true';
    return;
  }
  player = p;
  el.playerBox.dataset.ready = 'true';
  void feedPlayer();
  player.onChange((s) => markCurrent(el.timeline, s.item));
}
void startPlayer();
