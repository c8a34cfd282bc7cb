/** Anything with an optional capture time, as MediaInfo has it. */
export interface Dated {
  capturedAt?: string | undefined;
}

/**
 * Oldest first by capture time. Stable: items taken at the same instant keep their order. Items
 * without a (readable) date keep their relative order and go after all dated ones.
 *
 * A time with an offset ("2021-03-04T10:11:12+02:00") is compared as that instant; one without
 * (EXIF local time) is compared as if it were UTC, so the order never depends on the server's zone.
 * Pure: returns a new array.
 */
export function sortByCaptureTime<T extends Dated>(items: readonly T[]): T[];
export function sortByCaptureTime<T>(items: readonly T[], dateOf: (item: T) => string | undefined): T[];
export function sortByCaptureTime<T>(items: readonly T[], dateOf?: (item: T) => string | undefined): T[] {
  const get = dateOf ?? ((item: T) => (item as Dated).capturedAt);
  const keyed = items.map((item, i) => ({ item, i, t: instant(get(item)) }));
  keyed.sort((a, b) => {
    if (a.t === undefined && b.t === undefined) return a.i - b.i;
    if (a.t === undefined) return 1;
    if (b.t === undefined) return -1;
    return a.t - b.t || a.i - b.i;
  });
  return keyed.map((k) => k.item);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Milliseconds since 1970 for an ISO 8601 time; no offset is read as UTC. Undefined if unreadable. */
export function instant(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const m = ISO.exec(iso.trim());
  if (!m) return undefined;
  let zone = m[8] ?? 'Z';
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${zone}`);
  return Number.isFinite(t) ? t : undefined;
}
