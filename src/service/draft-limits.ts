import { PhotoreelError } from '../errors.ts';
import { TRACK_TEXT, type Draft } from '../timeline/draft.ts';
import { limitHistory, type HistoryJSON } from '../timeline/history.ts';
import type { Config } from './config.ts';

type Limits = Pick<Config, 'maxDraftBytes' | 'maxDraftItems' | 'maxTextChars'>;

/**
 * A draft within the server's limits, as the JSON text to store: DRAFT_TOO_LARGE naming the limit when its JSON
 * is over `maxDraftBytes`, it has more than `maxDraftItems` items, or a text is longer than `maxTextChars`.
 */
export function draftWithinLimits(draft: Draft, limits: Limits): string {
  const json = JSON.stringify(draft);
  const bytes = Buffer.byteLength(json);
  if (bytes > limits.maxDraftBytes) {
    throw new PhotoreelError(
      'DRAFT_TOO_LARGE',
      `The draft is ${bytes} bytes, over this server's limit of ${limits.maxDraftBytes} bytes: remove items or keys under "m", or split the video.`,
      { limit: 'maxDraftBytes', max: limits.maxDraftBytes, actual: bytes },
    );
  }
  const items = draft.t.reduce((n, t) => n + t.sg.length, 0);
  if (items > limits.maxDraftItems) {
    throw new PhotoreelError(
      'DRAFT_TOO_LARGE',
      `The draft has ${items} items, over this server's limit of ${limits.maxDraftItems}: remove some, or split the video.`,
      { limit: 'maxDraftItems', max: limits.maxDraftItems, actual: items },
    );
  }
  for (const [ti, track] of draft.t.entries()) {
    if (track.tt !== TRACK_TEXT) continue;
    for (const [si, item] of track.sg.entries()) {
      if (item.text.length <= limits.maxTextChars) continue;
      throw new PhotoreelError(
        'DRAFT_TOO_LARGE',
        `The text at t[${ti}].sg[${si}] has ${item.text.length} characters, over this server's limit of ${limits.maxTextChars}: shorten it.`,
        {
          limit: 'maxTextChars',
          max: limits.maxTextChars,
          actual: item.text.length,
          path: ['t', String(ti), 'sg', String(si), 'text'],
        },
      );
    }
  }
  return json;
}

/**
 * A session's undo history within `historySteps` and `historyBytes`, as the JSON text to store: the oldest
 * steps are dropped (`dropped` counts them, for a note in the log).
 */
export function historyWithinLimits(
  history: HistoryJSON,
  limits: Pick<Config, 'historySteps' | 'historyBytes'>,
): { json: string; dropped: number } {
  const r = limitHistory(history, { steps: limits.historySteps, bytes: limits.historyBytes });
  return { json: JSON.stringify(r.history), dropped: r.dropped };
}
