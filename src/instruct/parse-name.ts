import { setName } from '../timeline/edits/set-name.ts';
import { say, type Outcome, type Parser } from './context.ts';
import { quotesIn } from './quotes.ts';

/** "save this project as …", "rename the project to …", "project name: …", "项目命名为…", "项目名叫…". */
const ASKS_EN =
  /\b(?:(?:re)?name (?:the |this |my )?project|project(?:'s)? name|call (?:the |this |my )?project|save (?:the |this |my )?project as|title the project|project title)\b/;
const ASKS_ZH =
  /(?:项目|工程|作品)(?:的)?(?:名字|名称|名)?(?:命名|改名|起名|取名|叫做?|改为|改成|设为|为|是)/;
/** The name as written (case kept), from the raw words when it was not quoted. */
const RAW_EN =
  /(?:(?:re)?name (?:the |this |my )?project|project(?:'s)? name|call (?:the |this |my )?project|save (?:the |this |my )?project as|title the project|project title)\s*(?:to|as|is|:|=)?\s*(.+?)\s*[.!。]?$/i;
const RAW_ZH = /(?:命名|改名|起名|取名|叫做?|改为|改成|设为|为|是)[:：]?\s*(.+?)\s*[。！!]?$/;

/** The project name (draft `m.name`). */
export const parseName: Parser = (clause, ctx): Outcome | undefined => {
  const t = clause.text;
  if (!ASKS_EN.test(t) && !ASKS_ZH.test(t)) return undefined;
  const q = quotesIn(t)[0];
  let name = q !== undefined ? clause.quotes[q] : undefined;
  if (!name) {
    const raw = (ASKS_EN.test(t) ? RAW_EN : RAW_ZH).exec(ctx.raw ?? '');
    name = raw?.[1]?.replace(/^["'“”‘’「」]+|["'“”‘’「」]+$/g, '').trim();
    // Only the words of this clause: a later clause ("…, and add music") is not part of the name.
    if (name && /[,，;；]/.test(name)) name = name.split(/[,，;；]/)[0]?.trim();
  }
  if (!name) {
    return {
      kind: 'problem',
      said: say(
        'What should the project be called? Say for example: name the project "Summer 2024".',
        '项目要叫什么名字？比如：项目命名为"2024夏天"。',
      ),
    };
  }
  if (ctx.draft.m.name === name) {
    return { kind: 'info', said: say(`The project is already called "${name}".`, `项目已经叫"${name}"了。`) };
  }
  return {
    kind: 'edits',
    edits: [setName({ name })],
    said: say(`Project name: "${name}".`, `项目名称："${name}"。`),
  };
};
