import type { Case } from './fixtures.ts';

const P = (...n: number[]) => n.map((i) => `p${i}`);
const SORRY = /sorry|cannot|not possible/i;
const ZH_NO = /抱歉|做不到|无法/;

/**
 * Kinds of request the engine reads since v2, in both languages, phrased independently of the public
 * acceptance set: arithmetic and constraints on lengths, several photos at once, corrections and
 * references to the previous step, text placed and restyled, the project name, and requests about
 * what is inside a photo (not possible, nothing changes). Fixture `base`: photos p1–p5, 3 s each.
 */
export const V2: Case[] = [
  // Lengths as arithmetic and constraints.
  ['make every photo twice as long', { each: 6, total: 30 }],
  ['make the whole thing half as long', { each: 1.5 }],
  ['slow everything down 2x', { each: 6 }],
  ['take half a second off each photo', { each: 2.5 }],
  ['give the last photo four times as long as the others', { durations: [3, 3, 3, 3, 12] }],
  ['the video must last exactly 20 seconds', { total: 20, each: 4 }],
  ['keep the total at 15 seconds but give photo 2 7 seconds', { durations: [2, 7, 2, 2, 2], total: 15 }],
  ['photo 1 for 5 s, the others 2 s each', { durations: [5, 2, 2, 2, 2] }],
  ['每张照片的时间减半', { each: 1.5 }],
  ['最后一张的时长是其他的三倍', { durations: [3, 3, 3, 3, 9] }],
  ['总时长保持15秒，第一张给7秒', { durations: [7, 2, 2, 2, 2], total: 15 }],
  ['第二张6秒，其余每张2秒', { durations: [2, 6, 2, 2, 2] }],
  // Several photos at once, relative positions.
  ['drop photos 1, 3 and 5', { order: P(2, 4), undoSteps: 1 }],
  ['keep only the last two photos', { order: P(4, 5) }],
  ['get rid of the penultimate picture', { order: P(1, 2, 3, 5) }],
  ['move the second photo two places later', { order: P(1, 3, 4, 2, 5) }],
  ['把第1张和第5张都删掉', { order: P(2, 3, 4) }],
  ['只保留最后三张', { order: P(3, 4, 5) }],
  ['倒数第二张移到最前面', { order: P(4, 1, 2, 3, 5) }],
  // Text placed, restyled, removed by which one it is.
  ["close with 'See you soon' on an end card", { textAt: ['See you soon', 'end'] }],
  ["open with the words 'Day one'", { textAt: ['Day one', 'start'] }],
  ['结尾打上“谢谢观看”', { textAt: ['谢谢观看', 'end'] }],
  ['make the title red', { from: 'titled', textColor: ['Porto', '#e53935'] }],
  ['标题改成黄色', { from: 'titled', textColor: ['Porto', '#ffd400'] }],
  ["add the title 'Lisbon' in blue", { textColor: ['Lisbon', '#1e88e5'] }],
  // The project name.
  ["name the project 'Porto weekend'", { name: 'Porto weekend' }],
  ['项目名称改为“周末旅行”', { name: '周末旅行' }],
  // Corrections replace the step they correct; "same for" repeats it elsewhere.
  [
    'make that 6 seconds instead',
    { after: ['photo 2 for 4 seconds'], durations: [3, 6, 3, 3, 3], undoSteps: 1 },
  ],
  ['give each photo 2 seconds, sorry, 4', { each: 4 }],
  ['same for photo 4', { after: ['photo 1 for 5 seconds'], durations: [5, 3, 3, 5, 3] }],
  ['第四张也一样', { after: ['第一张5秒'], durations: [5, 3, 3, 5, 3] }],
  ['I meant Lisbon, not Porto', { from: 'titled', after: [], title: 'Lisbon' }],
  [
    'undo the last two changes',
    { after: ['make it square', 'photo 1 for 5 seconds'], preset: 'youtube', undoSteps: 0 },
  ],
  ['往回退两步', { after: ['改成竖屏', '每张2秒'], preset: 'youtube', each: 3 }],
  // Inside a photo, or generated: not possible, nothing changes.
  ['remove the man on the left in photo 2', { unchanged: true, reply: SORRY }],
  ['make my dog in the last photo wink', { unchanged: true, reply: SORRY }],
  ['add an AI voiceover that reads the captions', { unchanged: true, reply: SORRY }],
  ['把第二张照片里的路人去掉', { unchanged: true, reply: ZH_NO }],
  ['给视频配一段旁白', { unchanged: true, reply: ZH_NO }],
];
