import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSplit, completion, splitTarget } from './targets';

describe('splitTarget', () => {
  it('splits in proportion and adds up exactly', () => {
    expect(splitTarget(100, [1, 1, 2])).toEqual([25, 25, 50]);
    expect(splitTarget(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitTarget(7, [0, 0])).toEqual([4, 3]);
    expect(splitTarget(5, [])).toEqual([]);
  });

  it('always sums to the target and never gives a negative share', () => {
    fc.assert(
      fc.property(
        fc.nat(100000),
        fc.array(fc.nat(5000), { minLength: 1, maxLength: 40 }),
        (target, weights) => {
          const parts = splitTarget(target, weights);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(target);
          expect(parts.every((p) => p >= 0 && Number.isInteger(p))).toBe(true);
          const total = weights.reduce((s, w) => s + w, 0);
          if (total > 0)
            parts.forEach((p, i) =>
              expect(Math.abs(p - (target * weights[i]) / total)).toBeLessThan(1),
            );
        },
      ),
    );
  });
});

describe('compareSplit and completion', () => {
  it('shows sums that do not add up, never fixes them', () => {
    expect(compareSplit(100, [40, 50, null])).toEqual({
      sum: 90,
      difference: -10,
      missing: 1,
      isBalanced: false,
    });
    expect(compareSplit(100, [60, 40])).toMatchObject({ difference: 0, isBalanced: true });
    expect(compareSplit(null, [1])).toMatchObject({ difference: null, isBalanced: false });
  });

  it('caps completion at 100% and has none without a target', () => {
    expect(completion(50, 100)).toBe(0.5);
    expect(completion(150, 100)).toBe(1);
    expect(completion(5, null)).toBeNull();
    expect(completion(5, 0)).toBeNull();
  });
});
