import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskName, percentOf, progressLevel, splitRange } from './progress';

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to;) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

describe('splitRange', () => {
  it('reads whole months from the monthly counts and the ends from the daily ones', () => {
    expect(splitRange('2022-05-16', '2022-12-31')).toEqual({
      months: ['2022-06', '2022-12'],
      days: [['2022-05-16', '2022-05-31']],
    });
    expect(splitRange('2022-06-27', '2022-07-03')).toEqual({
      months: null,
      days: [['2022-06-27', '2022-07-03']],
    });
    expect(splitRange('2022-02-01', '2022-02-28')).toEqual({
      months: ['2022-02', '2022-02'],
      days: [],
    });
    expect(splitRange('2022-01-15', '2022-03-10')).toEqual({
      months: ['2022-02', '2022-02'],
      days: [
        ['2022-01-15', '2022-01-31'],
        ['2022-03-01', '2022-03-10'],
      ],
    });
  });

  it('covers every day of the range exactly once', () => {
    const date = fc
      .date({ min: new Date('2020-01-01'), max: new Date('2024-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, date, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const { months, days: ends } = splitRange(from, to);
        const covered = [
          ...ends.flatMap(([x, y]) => days(x, y)),
          ...(months
            ? days(`${months[0]}-01`, '2025-12-31').filter((d) => d.slice(0, 7) <= months[1])
            : []),
        ].sort();
        expect(covered).toEqual(days(from, to));
      }),
      { numRuns: 200 },
    );
  });
});

describe('progress arithmetic', () => {
  it('colours a figure against its target and the share of the campaign elapsed', () => {
    expect(progressLevel(5, null)).toBe('none');
    expect(progressLevel(10, 10)).toBe('reached');
    expect(progressLevel(45, 100, 0.5)).toBe('on_track');
    expect(progressLevel(30, 100, 0.5)).toBe('behind');
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(12, 10)).toBe(120);
    expect(percentOf(3, 0)).toBeNull();
  });

  it('masks a name to its initials', () => {
    expect(maskName('Hà Văn Một')).toBe('H. V. M.');
    expect(maskName('  Đinh   Thị Ánh ')).toBe('Đ. T. Á.');
  });
});
