const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * By file name as people read it: numbers by value (IMG_2 before IMG_10), case and accents ignored.
 * Stable: equal names keep their order. Pure: returns a new array.
 */
export function sortByName<T extends { name?: string | undefined }>(items: readonly T[]): T[];
export function sortByName<T>(items: readonly T[], nameOf: (item: T) => string | undefined): T[];
export function sortByName<T>(items: readonly T[], nameOf?: (item: T) => string | undefined): T[] {
  const get = nameOf ?? ((item: T) => (item as { name?: string }).name);
  return items
    .map((item, i) => ({ item, i, n: get(item) ?? '' }))
    .sort((a, b) => collator.compare(a.n, b.n) || a.i - b.i)
    .map((k) => k.item);
}
