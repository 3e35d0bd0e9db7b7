import { describe, expect, it } from 'vitest';
import { reportingPeriods } from './campaigns';

describe('reportingPeriods', () => {
  it('gives the months of the 2022 pilot, May to December', () => {
    const months = reportingPeriods('2022-05-16', '2022-12-31', 'month');
    expect(months.map((m) => m.key)).toEqual([
      '2022-05',
      '2022-06',
      '2022-07',
      '2022-08',
      '2022-09',
      '2022-10',
      '2022-11',
      '2022-12',
    ]);
    expect(months[0]).toEqual({
      key: '2022-05',
      label: 'Tháng 5/2022',
      from: '2022-05-16',
      to: '2022-05-31',
    });
  });

  it('gives quarters, a year, and Monday weeks clipped to the campaign', () => {
    expect(reportingPeriods('2022-05-16', '2022-12-31', 'quarter').map((q) => q.label)).toEqual([
      'Quý 2/2022',
      'Quý 3/2022',
      'Quý 4/2022',
    ]);
    expect(reportingPeriods('2022-05-16', '2022-12-31', 'year')).toEqual([
      { key: '2022', label: 'Năm 2022', from: '2022-05-16', to: '2022-12-31' },
    ]);
    const weeks = reportingPeriods('2022-05-18', '2022-06-01', 'week');
    expect(weeks.map((w) => [w.from, w.to])).toEqual([
      ['2022-05-18', '2022-05-22'],
      ['2022-05-23', '2022-05-29'],
      ['2022-05-30', '2022-06-01'],
    ]);
  });
});
