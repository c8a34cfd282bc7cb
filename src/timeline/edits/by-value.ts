import { jsonEqual } from './json.ts';

/** Indexes grouped by a value (first-seen order), so one edit per distinct previous value can restore them. */
export function byValue<T>(
  indexes: readonly number[],
  valueOf: (i: number) => T,
): { items: number[]; value: T }[] {
  const groups: { items: number[]; value: T }[] = [];
  for (const i of [...new Set(indexes)]) {
    const value = valueOf(i);
    const same = groups.find((g) => jsonEqual(g.value, value));
    if (same) same.items.push(i);
    else groups.push({ items: [i], value });
  }
  return groups;
}
