import { audioTracks } from '../timeline/draft.ts';
import type { Edit } from '../timeline/edit.ts';
import { removeMusic, setMusic } from '../timeline/edits/music-edits.ts';
import { setClipVolume } from '../timeline/edits/set-clip-volume.ts';
import {
  clipIndexes,
  items,
  mediaById,
  noPhotos,
  problem,
  say,
  seconds,
  type Outcome,
  type ParseContext,
  type Parser,
} from './context.ts';
import { findDurations, findNumbers, findPercents } from './quantities.ts';
import { findFactor } from './multiplier.ts';
import { quotesIn } from './quotes.ts';
import type { InstructMedia } from './types.ts';

const ANCHOR =
  /\b(?:music|song|songs|track|audio|bgm|soundtrack|tune|volume|quieter|louder|softer|mute|unmute|muted|sound|silence|repeating|loop(?:ing|ed)?|fade ?-?(?:in|out)|fade it (?:in|out)|die away|end(?:s)? hard|stops dead)\b|前后各?淡入淡出|首尾淡入淡出|(?<!淡入)淡出|淡入(?!淡出)|音乐|配乐|歌|音量|静音|声音|原声|bgm|背景乐|曲子|循环|大声|小声/;
const CLIP_AUDIO =
  /\b(?:clips?|videos?|original|camera|video's|clip's)(?:'s|s')? (?:own )?(?:sound|audio|volume|noise)\b|\bmute (?:the |all )?(?:clips?|videos?)\b|\bunmute (?:the )?(?:clips?|videos?)\b|\b(?:sound|audio) (?:of|from|in) the (?:clips?|videos?)\b|原声|视频(?:的)?声音|视频静音|片段(?:的)?声音|视频原音|现场声音/;
const REMOVE =
  /\bdon'?t (?:want|need) (?:any )?(?:background |backround )?(?:music|song|soundtrack)\b|(?:音乐|配乐)关(?:了|掉)|不需要(?:背景)?(?:音乐|配乐)|不用(?:背景)?(?:音乐|配乐)|\b(?:leave|keep) (?:the )?(?:music|song|soundtrack|audio) out\b|\bleave out (?:the )?(?:music|song|soundtrack)\b|\b(?:no|remove|delete|drop|without|get rid of|turn off|stop|kill|lose|take (?:out|off|away)|cut) (?:the |all |any )?(?:background )?(?:music|song|soundtrack|bgm|audio track|audio)\b|\bsilent\b|去掉(?:背景)?音乐|删除(?:背景)?音乐|不要(?:背景)?音乐|取消(?:背景)?音乐|关掉(?:背景)?音乐|删掉(?:背景)?音乐|无音乐|移除(?:背景)?音乐|关闭(?:背景)?音乐|去掉配乐|不要配乐|删除配乐/;
const QUIETER =
  /\b(?:quieter|softer|lower|turn (?:it |the music )?down|less loud|reduce|decrease|down|overpowering|too loud|pull (?:it|the music|the song) back|drowns?|tone (?:it )?down)\b|太吵|有点吵|吵|降低一些|小声|小一点|低一点|调低|降低|轻一点|小点|弱一点|调小/;
const LOUDER =
  /\b(?:louder|turn (?:it |the music )?up|raise|increase|boost|up|barely hear|can'?t hear|too quiet|too soft)\b|听不清|太小声|大声|大一点|高一点|调高|提高|响一点|大点|调大/;
/** "quieter" ×0.6, "louder" ×1.5 (at most 200%). */
export const QUIETER_FACTOR = 0.6;
export const LOUDER_FACTOR = 1.5;
const DEFAULT_FADE_MS = 2000;

function pct(v: number): string {
  return `${Math.round(v * 100)}%`;
}

/** A file name as people say it: "Rainy_Night.mp3" → "rainy night". */
export function looseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\.(?:mp3|m4a|wav|aac|ogg|flac)$/, '')
    .replace(/[-_.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The clause names one of the uploaded songs by its file name. */
function namesAudio(t: string, quotes: readonly string[], ctx: ParseContext): boolean {
  const plain = looseName(t);
  const quoted = quotesIn(t).map((i) => looseName(quotes[i] ?? ''));
  return ctx.media.some((m) => {
    if (m.kind !== 'audio') return false;
    const n = looseName(m.name);
    return n.length >= 3 && (plain.includes(n) || quoted.some((q) => q.length >= 3 && n.includes(q)));
  });
}

/** The audio the clause names: by file name, by quote, by "the second song", or the first one. */
function pickAudio(t: string, quotes: readonly string[], ctx: ParseContext): InstructMedia | undefined {
  const audio = ctx.media.filter((m) => m.kind === 'audio');
  const quoted = quotesIn(t).map((i) => looseName(quotes[i] ?? ''));
  const plain = looseName(t);
  const named = audio.find(
    (m) =>
      quoted.some((q) => q && (looseName(m.name).includes(q) || q.includes(looseName(m.name)))) ||
      plain.includes(looseName(m.name)),
  );
  if (named) return named;
  const nth = /\b(second|2nd|other|third|3rd|last)\b (?:song|track|music|audio)|第(\d+)首/.exec(t);
  if (nth) {
    const n =
      { second: 2, '2nd': 2, other: 2, third: 3, '3rd': 3 }[nth[1] ?? ''] ??
      (nth[1] === 'last' ? audio.length : Number(nth[2]));
    return audio[n - 1];
  }
  return audio[0];
}

/** Background music: use a track, volume, fades, loop, remove; the clips' own sound. */
export const parseMusic: Parser = (clause, ctx): Outcome | undefined => {
  const t = clause.text;
  if (!ANCHOR.test(t) && !namesAudio(t, clause.quotes, ctx)) return undefined;
  const music = audioTracks(ctx.draft)[0]?.sg[0];
  const percent = findPercents(t)[0];

  // The clips' own sound.
  if (CLIP_AUDIO.test(t)) {
    const clips = clipIndexes(ctx);
    if (clips.length === 0) {
      return problem(
        'There are no video clips in the timeline, so there is no clip sound to change.',
        '时间线里没有视频片段，没有原声可以调整。',
      );
    }
    const mute =
      /\bmute\b|静音|关掉|关闭|去掉|不要|\bno\b|\boff\b|\bwithout\b|\bremove\b/.test(t) &&
      !/\bunmute\b|保留|打开|开启/.test(t);
    const volume = percent
      ? percent.value
      : mute
        ? 0
        : /\bunmute\b|保留|打开|开启|\bkeep\b/.test(t)
          ? 1
          : QUIETER.test(t)
            ? 0.5
            : LOUDER.test(t)
              ? 1.5
              : undefined;
    if (volume === undefined) return undefined;
    return {
      kind: 'edits',
      edits: [setClipVolume({ items: clips, volume: Math.min(4, volume) })],
      said:
        volume === 0
          ? say('Clip sound: muted.', '视频原声：已静音。')
          : say(`Clip sound: ${pct(volume)}.`, `视频原声：${pct(volume)}。`),
    };
  }

  if (REMOVE.test(t)) {
    if (!music && audioTracks(ctx.draft).length === 0) {
      return { kind: 'info', said: say('There is no music to remove.', '当前没有背景音乐。') };
    }
    return { kind: 'edits', edits: [removeMusic({})], said: say('Music removed.', '已去掉背景音乐。') };
  }

  const both = /\b(?:fade|ease)\b.*\bin and out\b|淡入淡出/.test(t);
  const quarter = /\ba quarter\b|四分之一/.test(t)
    ? 0.25
    : /\ba third\b|三分之一/.test(t)
      ? 1 / 3
      : undefined;
  const fadeIn =
    both || /\bfade(?:s|d)? ?in\b|\bfading in\b|\bfade (?:the )?(?:music|song|audio|track) in\b|淡入/.test(t);
  const noFadeOut =
    /\bno fade ?-?out\b|\bwithout (?:a |the )?fade ?-?out\b|\bend(?:s)? (?:hard|abruptly)\b|\bcut off (?:at the end|hard)\b|不要淡出|不淡出|去掉淡出|取消淡出/.test(
      t,
    );
  const noFadeIn =
    /\bno fade ?-?in\b|\bwithout (?:a |the )?fade ?-?in\b|不要淡入|不淡入|去掉淡入|取消淡入/.test(t);
  const fadeOut =
    !noFadeOut &&
    (both ||
      /\bfade(?:s|d)? ?-?out\b|\bfading out\b|\bfade (?:the )?(?:music|song|audio|track|it) out\b|\bdie (?:away|out|down)\b|\bstops dead\b|\btrail off\b|\bsoften (?:it|the end(?:ing)?)\b|\bsoften\b.*\b(?:stops|ends|end)\b|\b(?:stops|ends) (?:dead|abruptly)\b.*\bsoften\b|淡出/.test(
        t,
      ));
  const noFade =
    !noFadeOut &&
    !noFadeIn &&
    /\bno fades?\b(?! ?-?(?:in|out))|without fad|don'?t fade|不要淡入淡出|去掉淡入淡出/.test(t);
  const noLoop =
    /\b(?:don'?t|do not|no|stop|without) loop(?:ing)?\b|\bplay (?:it )?once\b|\bonly once\b|不要循环|不循环|只播放一次|播放一次|只放一次/.test(
      t,
    );
  const loop =
    !noLoop &&
    /\bloop(?:ing|ed)?\b|\brepeat the (?:music|song)\b|\bkeep (?:repeating|playing)\b|\bon repeat\b|\brepeat(?:ing)? until\b|循环|一直播放|重复播放/.test(
      t,
    );
  const full = /\b(?:full|max(?:imum)?|100 ?%) volume\b|最大音量|原音量|满音量/.test(t);
  const unmute =
    !full &&
    /\bunmute\b|\b(?:bring|turn|put) (?:the )?(?:sound|music|song|audio) back(?: on)?\b|\bsound back\b|取消静音|恢复(?:声音|音乐)|(?:声音|音乐)恢复|打开声音/.test(
      t,
    );
  const mute = !unmute && /\bmute\b|\bsilence\b|静音/.test(t);
  const d = findDurations(t)[0];
  let volume: number | undefined = percent?.value;
  if (volume === undefined) {
    const plain = /\bvolume\b|音量/.test(t)
      ? findNumbers(t).find((n) => !d || n.at < d.at || n.at >= d.end)
      : undefined;
    if (plain) volume = plain.value > 1 ? plain.value / 100 : plain.value;
  }
  if (volume === undefined && quarter !== undefined) volume = quarter;
  if (volume === undefined && mute) volume = 0;
  if (volume === undefined && unmute) volume = music && (music.m.volume ?? 1) > 0 ? music.m.volume : 0.8;
  if (volume === undefined && /\bhalve\b|音量减半|减半/.test(t)) volume = (music?.m.volume ?? 1) / 2;
  if (volume === undefined && /\bhalf\b|一半/.test(t) && /\bvolume\b|音量/.test(t)) volume = 0.5;
  if (volume === undefined && /\bdouble\b|加倍/.test(t) && /\bvolume\b|音量/.test(t))
    volume = (music?.m.volume ?? 1) * 2;
  const factor = /\bvolume\b|音量/.test(t) ? findFactor(t) : undefined;
  if (volume === undefined && factor) volume = (music?.m.volume ?? 1) * factor.value;
  if (volume === undefined && /\b(?:full|max(?:imum)?|100 ?%) volume\b|最大音量|原音量|满音量/.test(t))
    volume = 1;
  const current = music?.m.volume ?? 1;
  if (volume === undefined && QUIETER.test(t)) volume = current * QUIETER_FACTOR;
  else if (volume === undefined && LOUDER.test(t)) volume = current * LOUDER_FACTOR;
  if (volume !== undefined) volume = Math.min(2, Math.max(0, Math.round(volume * 100) / 100));
  if (volume !== undefined && volume > 2) {
    return problem('Music volume goes up to 200%. Nothing was changed.', '音量最高200%。没有做任何修改。');
  }

  const fadeInOnly = fadeIn && !noFadeIn;
  const adjust =
    volume !== undefined || fadeInOnly || fadeOut || noFade || noFadeOut || noFadeIn || loop || noLoop;
  const audio = ctx.media.filter((m) => m.kind === 'audio');
  const asksForTrack =
    !adjust ||
    namesAudio(t, clause.quotes, ctx) ||
    /\b(?:use|add|put|play|with|set|choose|pick|switch|change|another|different)\b|加|用|换|配上|配/.test(t);
  if (items(ctx).length === 0) return noPhotos();

  const edits: Edit[] = [];
  const en: string[] = [];
  const zh: string[] = [];
  const wanted = asksForTrack ? pickAudio(t, clause.quotes, ctx) : undefined;
  if (!music) {
    if (!wanted) {
      return problem(
        audio.length === 0
          ? 'There is no music uploaded yet: upload an mp3, m4a or wav, then say "use the uploaded track".'
          : 'There is no music in the video yet: say "add the music" first.',
        audio.length === 0
          ? '还没有上传音乐：先上传mp3、m4a或wav，再说"用我上传的音乐"。'
          : '视频里还没有音乐：先说"加上音乐"。',
      );
    }
    edits.push(setMusic({ src: wanted.id }));
    en.push(`Music: ${wanted.name}, over the whole video`);
    zh.push(`背景音乐：${wanted.name}，覆盖整个视频`);
  } else if (
    wanted &&
    wanted.id !== music.src &&
    (!adjust ||
      namesAudio(t, clause.quotes, ctx) ||
      /\b(?:use|switch|change|another|different|second|other)\b|换|改用/.test(t))
  ) {
    edits.push(setMusic({ src: wanted.id }));
    en.push(`Music: now ${wanted.name}`);
    zh.push(`背景音乐换成${wanted.name}`);
  } else if (!adjust) {
    const name = mediaById(ctx, music.src)?.name ?? music.src;
    return {
      kind: 'info',
      said: say(`The video already uses ${name}.`, `视频已经在用${name}作为背景音乐。`),
    };
  }
  if (volume !== undefined) {
    edits.push(setMusic({ volume }));
    en.push(`volume ${pct(volume)}`);
    zh.push(`音量${pct(volume)}`);
  }
  if (noFade || noFadeOut || noFadeIn) {
    edits.push(
      setMusic({
        ...(noFade || noFadeIn ? { fadeIn: 0 } : {}),
        ...(noFade || noFadeOut ? { fadeOut: 0 } : {}),
      }),
    );
    en.push(noFadeOut ? 'no fade-out' : noFadeIn ? 'no fade-in' : 'no fades');
    zh.push(noFadeOut ? '不淡出' : noFadeIn ? '不淡入' : '不淡入淡出');
  } else if (fadeIn || fadeOut) {
    // "2-second fade in, 3.5-second fade out": each fade takes the length written next to it.
    const all = findDurations(t);
    const near = (word: RegExp) => {
      const w = word.exec(t);
      if (!w || all.length < 2) return undefined;
      const gap = (x: { at: number; end: number }) =>
        x.end <= w.index ? w.index - x.end : x.at - (w.index + w[0].length) + 0.5;
      return [...all].sort((a, b) => gap(a) - gap(b))[0]?.value;
    };
    const ms = d && d.value >= 0 ? d.value : DEFAULT_FADE_MS;
    const inMs = near(/fade ?-?in|淡入/) ?? ms;
    const outMs = near(/fade ?-?out|淡出/) ?? ms;
    edits.push(setMusic({ ...(fadeIn ? { fadeIn: inMs } : {}), ...(fadeOut ? { fadeOut: outMs } : {}) }));
    const which =
      fadeIn && fadeOut
        ? say('fade in and out', '淡入淡出')
        : fadeIn
          ? say('fade in', '淡入')
          : say('fade out', '淡出');
    en.push(`${which.en} over ${seconds(ms).en}`);
    zh.push(`${which.zh}${seconds(ms).zh}`);
  }
  if (loop || noLoop) {
    edits.push(setMusic({ loop: !!loop }));
    en.push(loop ? 'loops to the end' : 'plays once');
    zh.push(loop ? '循环播放到结尾' : '只播放一次');
  }
  return {
    kind: 'edits',
    edits,
    said: say(`${en.join(', ').replace(/^./, (c) => c.toUpperCase())}.`, `${zh.join('，')}。`),
    ...((fadeIn || fadeOut) && !d
      ? {
          note: say(
            `no fade length was given, so ${seconds(DEFAULT_FADE_MS).en}`,
            `没有说淡入淡出时长，默认${seconds(DEFAULT_FADE_MS).zh}`,
          ),
        }
      : {}),
  };
};
