import { describe, expect, it } from 'vitest';
import { exifDateToIso, videoCaptureTime } from '../../src/media/capture-time.ts';
import { sortByCaptureTime } from '../../src/media/sort-by-capture-time.ts';
import { sortByName } from '../../src/media/sort-by-name.ts';

describe('sortByCaptureTime', () => {
  it('oldest first; undated after dated, in their original order; stable for ties', () => {
    const items = [
      { id: 'a' },
      { id: 'b', capturedAt: '2021-06-01T12:00:00' },
      { id: 'c', capturedAt: 'not a date' },
      { id: 'd', capturedAt: '2020-01-01T00:00:00' },
      { id: 'e', capturedAt: '2021-06-01T12:00:00' },
    ];
    expect(sortByCaptureTime(items).map((i) => i.id)).toEqual(['d', 'b', 'e', 'a', 'c']);
    expect(items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd', 'e']); // input untouched
  });

  it('compares offsets as instants, and times without an offset as written', () => {
    const items = [
      { id: 'paris', capturedAt: '2021-06-01T12:00:00+02:00' }, // 10:00 UTC
      { id: 'london', capturedAt: '2021-06-01T11:00:00Z' },
      { id: 'local', capturedAt: '2021-06-01T10:30:00' },
    ];
    expect(sortByCaptureTime(items).map((i) => i.id)).toEqual(['paris', 'local', 'london']);
  });

  it('takes an accessor for nested dates', () => {
    const items = [
      { info: { capturedAt: '2022-01-02T00:00:00' } },
      { info: { capturedAt: '2022-01-01T00:00:00' } },
    ];
    expect(sortByCaptureTime(items, (i) => i.info.capturedAt)).toEqual([items[1], items[0]]);
  });
});

describe('sortByName', () => {
  it('numbers by value, case ignored, stable', () => {
    const items = ['IMG_10.jpg', 'img_2.jpg', 'IMG_1.jpg', 'b.jpg', 'B.jpg'].map((name) => ({ name }));
    expect(sortByName(items).map((i) => i.name)).toEqual([
      'b.jpg',
      'B.jpg',
      'IMG_1.jpg',
      'img_2.jpg',
      'IMG_10.jpg',
    ]);
  });
});

describe('capture time parsing', () => {
  it('EXIF dates become ISO 8601, with the offset when written, never shifted', () => {
    expect(exifDateToIso('2021:03:04 10:11:12')).toBe('2021-03-04T10:11:12');
    expect(exifDateToIso('2021:03:04 10:11:12', '+02:00')).toBe('2021-03-04T10:11:12+02:00');
    expect(exifDateToIso('0000:00:00 00:00:00')).toBeUndefined();
    expect(exifDateToIso(undefined)).toBeUndefined();
  });

  it('clip tags: Apple local time first, then creation_time; unset clocks ignored', () => {
    expect(
      videoCaptureTime({
        'com.apple.quicktime.creationdate': '2023-07-14T18:30:05+0200',
        creation_time: '2023-07-14T16:30:05.000000Z',
      }),
    ).toBe('2023-07-14T18:30:05+02:00');
    expect(videoCaptureTime({ creation_time: '2023-07-14T16:30:05.123456Z' })).toBe(
      '2023-07-14T16:30:05.123Z',
    );
    expect(videoCaptureTime({ creation_time: '1970-01-01T00:00:00.000000Z' })).toBeUndefined();
  });
});
