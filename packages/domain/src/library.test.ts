import { describe, expect, it } from 'vitest';
import { excerptOf, figureBody, guideCardBody, monthRangeDates } from './library';

describe('library rules', () => {
  it('turns a month range into the first and last day, leap years included', () => {
    expect(monthRangeDates('2022-06', '2022-06')).toEqual({ from: '2022-06-01', to: '2022-06-30' });
    expect(monthRangeDates('2024-01', '2024-02')).toEqual({ from: '2024-01-01', to: '2024-02-29' });
    expect(monthRangeDates('2023-02', '2023-02').to).toBe('2023-02-28');
    expect(monthRangeDates('2022-11', '2022-12').to).toBe('2022-12-31');
  });

  it('cuts an excerpt at a word and flattens new lines', () => {
    expect(excerptOf('Ngắn gọn.\n\nHai dòng.')).toBe('Ngắn gọn. Hai dòng.');
    const long = 'Tổ công nghệ số '.repeat(30);
    const cut = excerptOf(long, 50);
    expect(cut.length).toBeLessThanOrEqual(51);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.slice(0, -1).endsWith(' ')).toBe(false);
  });

  it('refuses a figure whose months run backwards or are not months', () => {
    const ok = {
      label: 'Người dân được hỗ trợ',
      platformId: '0190a0a0-0000-7000-8000-000000000001',
      unitId: '0190a0a0-0000-7000-8000-000000000002',
      fromMonth: '2022-06',
      toMonth: '2022-07',
    };
    expect(figureBody.safeParse(ok).success).toBe(true);
    expect(figureBody.safeParse({ ...ok, fromMonth: '2022-08' }).success).toBe(false);
    expect(figureBody.safeParse({ ...ok, toMonth: '2022-13' }).success).toBe(false);
  });

  it('needs at least one step on a guide card', () => {
    expect(guideCardBody.safeParse({ steps: [], needs: [], problems: [] }).success).toBe(false);
    expect(
      guideCardBody.safeParse({ steps: ['Mở ứng dụng'], needs: [], problems: [] }).success,
    ).toBe(true);
  });
});
