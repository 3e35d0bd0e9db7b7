import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retirementAgeMonths, retirementMonth, workingAgeStatus } from './working-age';

describe('retirement age by year (Decree 135/2020)', () => {
  it.each([
    [2020, 720, 660],
    [2021, 723, 664],
    [2022, 726, 668],
    [2023, 729, 672],
    [2024, 732, 676],
    [2025, 735, 680],
    [2026, 738, 684],
    [2027, 741, 688],
    [2028, 744, 692],
    [2035, 744, 720],
    [2040, 744, 720],
  ])('%i: men %i months, women %i months', (year, men, women) => {
    expect(retirementAgeMonths('male', year)).toBe(men);
    expect(retirementAgeMonths('female', year)).toBe(women);
  });
});

describe('test vectors of Annex I', () => {
  it('a man born October 1961 retires in April 2022, at 60 years 6 months', () => {
    expect(retirementMonth('male', 1961, 10)).toEqual({ year: 2022, month: 4 });
  });
  it('a woman born September 1966 retires in May 2022, at 55 years 8 months', () => {
    expect(retirementMonth('female', 1966, 9)).toEqual({ year: 2022, month: 5 });
  });
});

function cohort(sex: 'male' | 'female', date: string): [number, number] {
  const years = [];
  for (let y = 1940; y <= 2020; y += 1) {
    if (workingAgeStatus({ birthYear: y, sex }, date) === 'working_age') years.push(y);
  }
  return [years[0], years[years.length - 1]];
}

describe('working-age cohorts with birth year only (1 January rule)', () => {
  it.each([
    ['2022-06-15', [1962, 2007], [1967, 2007]],
    ['2025-06-15', [1965, 2010], [1969, 2010]],
    ['2025-12-15', [1965, 2010], [1970, 2010]],
  ] as const)('%s', (date, men, women) => {
    expect(cohort('male', date)).toEqual(men);
    expect(cohort('female', date)).toEqual(women);
  });
});

describe('working age', () => {
  it('counts unknown birth year or sex apart', () => {
    expect(workingAgeStatus({ birthYear: null, sex: 'male' }, '2025-01-01')).toBe('unknown');
    expect(workingAgeStatus({ birthYear: 1990, sex: null }, '2025-01-01')).toBe('unknown');
  });

  it('starts at 15 full years', () => {
    expect(workingAgeStatus({ birthYear: 2010, sex: 'female' }, '2024-12-31')).toBe('below');
    expect(workingAgeStatus({ birthYear: 2010, sex: 'female' }, '2025-01-01')).toBe('working_age');
  });

  it('never lets someone retire earlier than at 60 (men) or 55 (women), nor later than 62 / 60', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2080 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('male' as const, 'female' as const),
        (y, m, sex) => {
          const r = retirementMonth(sex, y, m);
          const months = r.year * 12 + r.month - (y * 12 + m);
          const [min, max] = sex === 'male' ? [720, 744] : [660, 720];
          expect(months).toBeGreaterThanOrEqual(min);
          expect(months).toBeLessThanOrEqual(max);
          expect(months).toBe(retirementAgeMonths(sex, r.year));
        },
      ),
    );
  });
});
