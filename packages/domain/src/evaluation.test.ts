import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluationScore,
  kpiProgress,
  rankByScore,
  targetCompletion,
  weightsSchema,
} from './evaluation';

describe('evaluation score', () => {
  it('is the weighted mean of the components', () => {
    const s = evaluationScore(
      { targets: 0.8, timeliness: 1, kpi: 0.5 },
      { targets: 50, timeliness: 20, kpi: 30 },
    );
    expect(s.score).toBe(75);
    expect(s.renormalised).toBe(false);
  });

  it('re-normalises the weights when a component has no figure, and says so', () => {
    const s = evaluationScore(
      { targets: 0.8, timeliness: null, kpi: 0.5 },
      { targets: 50, timeliness: 20, kpi: 30 },
    );
    expect(s.renormalised).toBe(true);
    expect(s.applied).toEqual({ targets: 62.5, timeliness: null, kpi: 37.5 });
    expect(s.score).toBe(68.8);
  });

  it('has no score without any figure', () => {
    expect(
      evaluationScore(
        { targets: null, timeliness: null, kpi: null },
        { targets: 50, timeliness: 20, kpi: 30 },
      ).score,
    ).toBeNull();
  });

  it('stays within 0–100 for any inputs and weights', () => {
    const share = fc.option(fc.double({ min: -1, max: 3, noNaN: true }), { nil: null });
    fc.assert(
      fc.property(share, share, share, fc.nat(100), fc.nat(100), (a, b, c, x, y) => {
        const t = Math.min(x, 100);
        const u = Math.min(y, 100 - t);
        const s = evaluationScore(
          { targets: a, timeliness: b, kpi: c },
          { targets: t, timeliness: u, kpi: 100 - t - u },
        );
        if (s.score !== null) {
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  it('validates that the weights sum to 100', () => {
    expect(weightsSchema.safeParse({ targets: 50, timeliness: 20, kpi: 30 }).success).toBe(true);
    expect(weightsSchema.safeParse({ targets: 50, timeliness: 20, kpi: 40 }).success).toBe(false);
    expect(weightsSchema.safeParse({ targets: -10, timeliness: 80, kpi: 30 }).success).toBe(false);
  });
});

describe('components and ranking', () => {
  it('computes target completion over indicators with a target, capped at 1', () => {
    expect(
      targetCompletion([
        { target: 10, reached: 20 },
        { target: 10, reached: 5 },
        { target: null, reached: 3 },
      ]),
    ).toBe(0.75);
    expect(targetCompletion([{ target: null, reached: 3 }])).toBeNull();
    expect(kpiProgress(0.35, 0.7)).toBe(0.5);
    expect(kpiProgress(0.9, 0.7)).toBe(1);
  });

  it('ranks equal scores together and leaves no score unranked', () => {
    const r = rankByScore([
      { id: 'a', score: 50 },
      { id: 'b', score: 80 },
      { id: 'c', score: null },
      { id: 'd', score: 80 },
    ]);
    expect(r.map((x) => [x.id, x.rank])).toEqual([
      ['b', 1],
      ['d', 1],
      ['a', 3],
      ['c', null],
    ]);
  });
});
