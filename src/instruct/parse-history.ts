import { slideshowDraft } from '../timeline/build.ts';
import { parseDraft } from '../timeline/draft.ts';
import { replaceDraft } from '../timeline/edits/replace-draft.ts';
import { say, type Outcome, type Parser } from './context.ts';
import { slideSources } from './parse-create.ts';

const UNDO =
  /^(?:please )?(?:undo|undo (?:that|it|this|the last (?:change|edit|step|one))|go back|revert(?: that| it)?|take (?:that|it) back|cancel (?:that|the last change)|撤销|撤回|撤销上一步|回退|返回上一步|上一步|退回|撤消|取消上一步|取消刚才的修改)(?:\s*(\d+)\s*(?:times|steps|changes|edits|次|步))?(?:\s*(?:please|了|吧|一下))?$/;
const TWICE = /\b(twice|thrice|2 times|3 times)\b|两次|2次|3次|两步|2步|3步/;
const UNDO_N = /^(?:undo|撤销|撤回)\s*(?:the last\s*)?(\d+)\s*(?:times|steps|changes|edits|次|步)?/;
const REDO =
  /^(?:please )?(?:redo|redo (?:that|it)|do (?:that|it) again|put it back|重做|恢复|还原|恢复撤销|取消撤销|重做上一步)(?:\s*(\d+)\s*(?:times|steps|changes|edits|次|步))?(?:\s*(?:please|了|吧|一下))?$/;
const RESET =
  /\b(?:start (?:over|again|from scratch)|from scratch|reset(?: (?:it|everything|the (?:video|timeline|draft)))?|begin again|clear everything|scrap (?:it|that|everything))\b|重新开始|重来|从头开始|从头再来|重置|全部重做|清空重来/;
const LOOK =
  /\b(?:what does it look like(?: now)?|what(?:'s| is) (?:in )?(?:it|the (?:video|timeline|draft))(?: now)?|show (?:me )?(?:the )?(?:timeline|summary|draft)|summary|describe (?:it|the video)|where are we|what have we got)\b|现在(?:是)?什么样|现在的?样子|看看现在|当前(?:的)?(?:时间线|草稿|效果|视频)|时间线(?:是)?什么|总结一下|概况/;

/** "take back my last 3 edits", "revert the last two steps", "step back", "ctrl+z", "往回退三步". */
const UNDO_MANY =
  /^(?:please )?(?:(?:take back|revert|undo|roll back|reverse) (?:my |the )?(?:last |previous )?(\d+)? ?(?:edits?|changes?|steps?)|step back(?: (\d+) (?:steps?|times))?|go back (\d+) steps?|(?:ctrl|cmd|command|control) ?\+ ?z)$|^(?:往回|往后)?(?:退|回退|撤销|撤回)(?:回)?(\d+)?步$/;
/** "restore the photo I just deleted", "那张还是要的，放回去": the deletion is undone. */
const RESTORE =
  /\b(?:restore|bring back|put back|get back|undelete)\b.*\b(?:deleted|removed|dropped|cut)\b|\b(?:restore|bring back) the (?:photo|picture|clip|one)\b|\bput (?:it|that|them|the photo) back\b|\bbring (?:it|that|them|that photo|the photo|that one) back\b|还是要的|放回去|恢复(?:刚才)?删(?:除|掉)的|加回来|还原那张/;

/** Undo, redo, start over, and "what does it look like now?". */
export const parseHistory: Parser = (clause, ctx): Outcome | undefined => {
  const t = clause.text;
  const many = UNDO_MANY.exec(t.trim());
  if (many) {
    const n = Number(many[1] ?? many[2] ?? many[3] ?? many[4] ?? 1);
    return { kind: 'undo', times: Math.max(1, Math.min(n, 50)) };
  }
  if (RESTORE.test(t)) {
    // Only once per instruction ("那张还是要的，放回去" is one request in two clauses).
    if (ctx.memo?.restored) return { kind: 'info', said: say('', '') };
    if (ctx.memo) ctx.memo.restored = true;
    return { kind: 'undo', times: 1 };
  }
  const twice = TWICE.exec(t);
  const bare = twice ? t.replace(TWICE, '').trim() : t;
  const undoN = UNDO_N.exec(t);
  const undo = UNDO.exec(bare);
  if (undo || undoN) {
    const times = twice ? (/thrice|3/.test(twice[0]) ? 3 : 2) : Number(undo?.[1] ?? undoN?.[1] ?? 1);
    return { kind: 'undo', times: Math.max(1, Math.min(times, 50)) };
  }
  const redo = REDO.exec(bare);
  if (redo) {
    const times = twice ? (/thrice|3/.test(twice[0]) ? 3 : 2) : Number(redo[1] ?? 1);
    return { kind: 'redo', times: Math.max(1, Math.min(times, 50)) };
  }
  if (RESET.test(t)) {
    const sources = slideSources(ctx, 'upload');
    const fresh =
      sources.length > 0
        ? slideshowDraft(sources, {
            ...(ctx.draft.m.seed ? { seed: ctx.draft.m.seed } : {}),
            ...(ctx.media.some((m) => m.kind === 'audio')
              ? { music: { id: ctx.media.find((m) => m.kind === 'audio')!.id } }
              : {}),
          })
        : parseDraft({ v: 1, w: ctx.draft.w, h: ctx.draft.h, fps: ctx.draft.fps, t: [], m: {} });
    return {
      kind: 'edits',
      edits: [replaceDraft({ draft: fresh })],
      said:
        sources.length > 0
          ? say(
              `Started over: a fresh slideshow of all ${sources.length} uploaded items, in upload order. Say "undo" to get the old version back.`,
              `已重新开始：用全部${sources.length}个上传的素材按上传顺序重新生成了幻灯片。说"撤销"可以恢复之前的版本。`,
            )
          : say(
              'Started over with an empty timeline. Say "undo" to get the old version back.',
              '已重新开始：时间线已清空。说"撤销"可以恢复。',
            ),
    };
  }
  if (LOOK.test(t))
    return { kind: 'info', said: say('Here is the video as it stands:', '当前的视频是这样的：') };
  return undefined;
};
