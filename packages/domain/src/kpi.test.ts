import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonth,
  behindReasons,
  kpiChangesOf,
  kpiFromChanges,
  kpiOn,
  kpiTrend,
  lastDayOfMonth,
  MAX_TREND_MONTHS,
  projectKpi,
  referenceDate,
  type CohortCount,
  type KpiTrendPoint,
  type SkillCohortCount,
} from './kpi';

const point = (month: string, rate: number | null): KpiTrendPoint => ({
  month,
  rate,
  able: rate === null ? 0 : Math.round(rate * 100),
  workingAge: rate === null ? 0 : 100,
});

describe('kpiOn', () => {
  const residents = [
    { sex: 'male' as const, birthYear: 1990, count: 10 },
    { sex: 'female' as const, birthYear: 1960, count: 4 }, // retired by 2022
    { sex: 'female' as const, birthYear: 2015, count: 3 }, // too young
    { sex: null, birthYear: 1990, count: 2 },
    { sex: 'male' as const, birthYear: null, count: 1 },
  ];
  const skills = [
    { sex: 'male' as const, birthYear: 1990, month: '2022-06', count: 4 },
    { sex: 'male' as const, birthYear: 1990, month: '2022-09', count: 3 },
    { sex: 'female' as const, birthYear: 1960, month: '2022-06', count: 2 },
    { sex: null, birthYear: 1990, month: '2022-06', count: 1 },
  ];

  it('counts working-age residents and the able among them on the date', () => {
    expect(kpiOn(residents, skills, '2022-07-31')).toEqual({
      able: 4,
      workingAge: 10,
      rate: 0.4,
      unknownAge: 3,
      unknownAgeAble: 1,
    });
    expect(kpiOn(residents, skills, '2022-12-31').able).toBe(7);
  });

  it('counts unknown sex or birth year apart, never dropped and never in the denominator', () => {
    const f = kpiOn(residents, skills, '2022-12-31');
    expect(f.unknownAge).toBe(3);
    expect(f.workingAge + f.unknownAge).toBeLessThan(20);
  });

  it('has no rate without working-age residents', () => {
    expect(kpiOn([], [], '2022-12-31').rate).toBeNull();
  });

  it('follows the working-age cohorts of working-age.md (women born 1969 leave by Dec 2025)', () => {
    const women = [
      { sex: 'female' as const, birthYear: 1969, count: 1 },
      { sex: 'female' as const, birthYear: 1970, count: 1 },
    ];
    expect(kpiOn(women, [], '2025-06-30').workingAge).toBe(2);
    expect(kpiOn(women, [], '2025-12-31').workingAge).toBe(1);
  });
});

describe('trend and projection', () => {
  it('gives one point per month', () => {
    const t = kpiTrend([{ sex: 'male', birthYear: 1990, count: 10 }], [], '2022-05', '2022-08');
    expect(t.map((p) => p.month)).toEqual(['2022-05', '2022-06', '2022-07', '2022-08']);
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(addMonth('2022-12', 1)).toBe('2023-01');
  });

  it('equals the KPI at the end of each month, skills before, inside and after the window', () => {
    const sex = fc.constantFrom('male' as const, 'female' as const, null);
    const year = fc.option(fc.integer({ min: 1950, max: 2010 }), { nil: null });
    const month = fc.oneof(
      fc.constant('0000-00'),
      fc.integer({ min: 0, max: 30 }).map((i) => addMonth('2021-06', i)),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ sex, birthYear: year, count: fc.integer({ min: 1, max: 9 }) }), {
          maxLength: 20,
        }),
        fc.array(
          fc.record({ sex, birthYear: year, month, count: fc.integer({ min: -2, max: 9 }) }),
          { maxLength: 40 },
        ),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 14 }),
        (residents, skills, a, n) => {
          const from = addMonth('2022-01', a);
          const to = addMonth(from, n);
          const expected = Array.from({ length: n + 1 }, (_, i) => {
            const m = addMonth(from, i);
            const f = kpiOn(residents, skills, lastDayOfMonth(m));
            return { month: m, able: f.able, workingAge: f.workingAge, rate: f.rate };
          });
          expect(kpiTrend(residents, skills, from, to)).toEqual(expected);
        },
      ),
    );
  });

  it('refuses impossible reference dates and never runs a trend without end', () => {
    expect(referenceDate.safeParse('2022-02-30').success).toBe(false);
    expect(referenceDate.safeParse('9999-99-99').success).toBe(false);
    expect(referenceDate.safeParse('2022-12-31').success).toBe(true);
    expect(kpiTrend([], [], '1990-01', '2100-12')).toHaveLength(MAX_TREND_MONTHS);
  });

  it('projects the month at the current pace', () => {
    const trend = [point('2022-06', 0.1), point('2022-07', 0.2), point('2022-08', 0.3)];
    const p = projectKpi(trend);
    expect(p).toMatchObject({ status: 'projected', month: '2022-12' });
    expect(p.pace).toBeCloseTo(0.1);
  });

  it('says no progress when the rate is flat or falling, never a date', () => {
    expect(projectKpi([point('2022-06', 0.3), point('2022-07', 0.3)]).status).toBe('no_progress');
    expect(projectKpi([point('2022-06', 0.3), point('2022-07', 0.2)]).month).toBeNull();
    expect(projectKpi([point('2022-06', 0.3)]).status).toBe('no_progress');
  });

  it('says already reached with the month it was reached', () => {
    const trend = [point('2022-06', 0.5), point('2022-07', 0.72), point('2022-08', 0.75)];
    expect(projectKpi(trend)).toMatchObject({ status: 'reached', month: '2022-07' });
  });

  it('says no data without working-age residents', () => {
    expect(projectKpi([point('2022-06', null)]).status).toBe('no_data');
  });
});

describe('who is behind', () => {
  const late = { status: 'projected' as const, month: '2028-01', pace: 0.01 };
  const onTime = { status: 'projected' as const, month: '2025-01', pace: 0.05 };
  it('stands out relative to the parent even when everyone is late', () => {
    const parent = { rate: 0.1, projection: late, completion: 0.5 };
    expect(behindReasons({ rate: 0.09, projection: late, completion: 0.45 }, parent, 1)).toEqual(
      [],
    );
    expect(behindReasons({ rate: 0.05, projection: late, completion: 0.3 }, parent, 1)).toEqual([
      'kpi',
      'targets',
    ]);
  });
  it('flags a child late where the parent is on time, and never one that reached the goal', () => {
    const parent = { rate: 0.5, projection: onTime, completion: 0.9 };
    expect(behindReasons({ rate: 0.45, projection: late, completion: 0.9 }, parent, 1)).toEqual([
      'kpi',
    ]);
    expect(behindReasons({ rate: 0.75, projection: late, completion: 1 }, parent, 1)).toEqual([]);
  });
});

describe('the KPI kept as changes per month', () => {
  const sex = fc.constantFrom<'male' | 'female' | null>('male', 'female', null);
  const year = fc.option(fc.integer({ min: 1935, max: 2015 }), { nil: null, freq: 8 });
  const month = fc
    .tuple(fc.integer({ min: 2015, max: 2030 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
  const person = fc.record({
    sex,
    birthYear: year,
    skillMonth: fc.option(month, { nil: null }),
    count: fc.integer({ min: 1, max: 4 }),
  });

  it('give the same trend and figure as the cohorts, across birthdays at 15 and retirement', () => {
    fc.assert(
      fc.property(fc.array(person, { maxLength: 30 }), month, month, (people, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const cohorts: CohortCount[] = people.map((p) => ({
          sex: p.sex,
          birthYear: p.birthYear,
          count: p.count,
        }));
        const skills: SkillCohortCount[] = people
          .filter((p) => p.skillMonth !== null)
          .map((p) => ({
            sex: p.sex,
            birthYear: p.birthYear,
            month: p.skillMonth!,
            count: p.count,
          }));
        const changes = people.flatMap((p) => kpiChangesOf(p, p.count));
        const kept = kpiFromChanges(changes, from, to);
        expect(kept.trend).toEqual(kpiTrend(cohorts, skills, from, to));
        for (const date of [`${to}-01`, lastDayOfMonth(to)])
          expect(kept.kpi).toEqual(kpiOn(cohorts, skills, date));
      }),
      { numRuns: 300 },
    );
  });

  it('start in January of the 15th year and stop after the month of retirement', () => {
    const changes = kpiChangesOf({ sex: 'male', birthYear: 1962, skillMonth: '2019-05' });
    // Born 1962 (1 January rule): working age from 1977-01; a man reaching retirement age in 2022
    // retires at 60 years and 6 months (Decree 135/2020), so works through 2022-07.
    expect(changes.filter((c) => c.workingAge !== 0)).toEqual([
      { month: '1977-01', workingAge: 1, able: 0, unknownAge: 0, unknownAgeAble: 0 },
      { month: '2022-08', workingAge: -1, able: 0, unknownAge: 0, unknownAgeAble: 0 },
    ]);
    expect(changes.filter((c) => c.able !== 0).map((c) => [c.month, c.able])).toEqual([
      ['2019-05', 1],
      ['2022-08', -1],
    ]);
    // Able after retirement: counted nowhere.
    expect(
      kpiChangesOf({ sex: 'male', birthYear: 1962, skillMonth: '2023-01' }).filter(
        (c) => c.able !== 0,
      ),
    ).toEqual([]);
  });
});
