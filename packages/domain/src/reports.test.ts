import { describe, expect, it } from 'vitest';
import {
  aggregateFigures,
  isEditable,
  monthPeriod,
  monthsBetween,
  nextStatus,
  reportDueOn,
  reportingRate,
  type ReportFigures,
} from './reports';

const fig = (over: Partial<ReportFigures> = {}): ReportFigures => ({
  campaignName: 'Thí điểm',
  indicators: [
    {
      indicatorId: 'i1',
      platformName: 'VNeID',
      outcome: 'account_created',
      target: 10,
      reached: 4,
      inPeriod: 1,
    },
  ],
  chatGroupHouseholds: 30,
  households: 50,
  membersTrained: null,
  ...over,
});

describe('workflow', () => {
  it('moves draft → submitted → returned → submitted → approved and nothing else', () => {
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'return')).toBe('returned');
    expect(nextStatus('returned', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'approve')).toBe('approved');
    expect(nextStatus('approved', 'submit')).toBeNull();
    expect(nextStatus('approved', 'return')).toBeNull();
    expect(nextStatus('draft', 'approve')).toBeNull();
    expect(nextStatus('returned', 'approve')).toBeNull();
    expect(nextStatus('submitted', 'submit')).toBeNull();
  });
  it('lets only drafts and returned reports change', () => {
    expect(isEditable('draft')).toBe(true);
    expect(isEditable('returned')).toBe(true);
    expect(isEditable('submitted')).toBe(false);
    expect(isEditable('approved')).toBe(false);
  });
});

describe('periods and due dates', () => {
  it('gives a month its days, across a leap February', () => {
    expect(monthPeriod('2024-02')).toEqual({
      key: '2024-02',
      from: '2024-02-01',
      to: '2024-02-29',
      label: 'Tháng 2/2024',
    });
    expect(monthPeriod('2022-12').to).toBe('2022-12-31');
  });
  it('lists months across a year end', () => {
    expect(monthsBetween('2022-11-16', '2023-02-01')).toEqual([
      '2022-11',
      '2022-12',
      '2023-01',
      '2023-02',
    ]);
    expect(monthsBetween('2023-01-01', '2022-12-31')).toEqual([]);
  });
  it('counts due days after the period end', () => {
    expect(reportDueOn('2022-06-30', 5)).toBe('2022-07-05');
    expect(reportDueOn('2022-12-31', 5)).toBe('2023-01-05');
    expect(reportDueOn('2022-06-30', 0)).toBe('2022-06-30');
  });
});

describe('aggregateFigures', () => {
  it('sums indicators, households and keeps null only when every part is null', () => {
    const a = fig();
    const b = fig({
      indicators: [{ ...a.indicators[0], target: null, reached: 6, inPeriod: 2 }],
      chatGroupHouseholds: null,
      membersTrained: 3,
    });
    const sum = aggregateFigures([a, b]);
    expect(sum.indicators).toEqual([
      {
        indicatorId: 'i1',
        platformName: 'VNeID',
        outcome: 'account_created',
        target: 10,
        reached: 10,
        inPeriod: 3,
      },
    ]);
    expect(sum.chatGroupHouseholds).toBe(30);
    expect(sum.households).toBe(100);
    expect(sum.membersTrained).toBe(3);
    expect(aggregateFigures([a]).membersTrained).toBeNull();
  });
  it('keeps indicators given in order even when no hamlet reported them', () => {
    const sum = aggregateFigures(
      [],
      [{ indicatorId: 'i9', platformName: 'Postmart', outcome: 'account_created' }],
    );
    expect(sum.indicators).toEqual([
      {
        indicatorId: 'i9',
        platformName: 'Postmart',
        outcome: 'account_created',
        target: null,
        reached: 0,
        inPeriod: 0,
      },
    ]);
    expect(sum.households).toBeNull();
  });
});

describe('reportingRate', () => {
  it('counts submitted and on-time units among the expected ones', () => {
    const r = reportingRate(
      ['h1', 'h2', 'h3', 'h4'],
      [
        { unitId: 'h1', firstSubmittedOn: '2022-07-05' },
        { unitId: 'h2', firstSubmittedOn: '2022-07-06' },
        { unitId: 'h3', firstSubmittedOn: null },
        { unitId: 'x', firstSubmittedOn: '2022-07-01' },
      ],
      '2022-07-05',
    );
    expect(r).toEqual({
      expected: 4,
      submitted: 2,
      onTime: 1,
      reportingRate: 50,
      onTimeRate: 25,
      missing: ['h3', 'h4'],
      late: ['h2'],
    });
  });
  it('uses the earliest submission of a unit (a resubmission is not late)', () => {
    const r = reportingRate(
      ['h1'],
      [
        { unitId: 'h1', firstSubmittedOn: '2022-07-09' },
        { unitId: 'h1', firstSubmittedOn: '2022-07-02' },
      ],
      '2022-07-05',
    );
    expect(r.onTime).toBe(1);
    expect(r.late).toEqual([]);
  });
  it('has no rate when nothing is expected', () => {
    expect(reportingRate([], [], '2022-07-05').reportingRate).toBeNull();
  });
});
