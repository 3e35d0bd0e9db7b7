import { describe, expect, it } from 'vitest';
import { todayInVietnam, VIETNAM_DAY_ENDS_UTC } from './ids';

describe("Vietnam's day", () => {
  it('ends where the SQL suffix says: the last millisecond is still that day, the next is the next day', () => {
    for (const day of ['2026-01-01', '2026-02-28', '2026-06-30', '2026-12-31', '2028-02-29']) {
      const end = new Date(`${day}${VIETNAM_DAY_ENDS_UTC}`).getTime();
      expect(todayInVietnam(new Date(end - 1))).toBe(day);
      expect(todayInVietnam(new Date(end))).not.toBe(day);
    }
  });
});
