/**
 * Splits a target among units in proportion to their weights (working-age residents or
 * households), in whole numbers that add up exactly to the target (largest remainders first).
 */
export function splitTarget(target: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const total = weights.reduce((s, w) => s + Math.max(0, w), 0);
  if (total === 0) {
    const base = Math.floor(target / weights.length);
    return weights.map((_, i) => base + (i < target - base * weights.length ? 1 : 0));
  }
  const exact = weights.map((w) => (target * Math.max(0, w)) / total);
  const parts = exact.map(Math.floor);
  let left = target - parts.reduce((s, p) => s + p, 0);
  const order = exact
    .map((e, i) => ({ i, r: e - Math.floor(e) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}

/** How the targets given to the units below compare with the target of the unit above. */
export function compareSplit(parent: number | null, children: readonly (number | null)[]) {
  const sum = children.reduce<number>((s, c) => s + (c ?? 0), 0);
  const missing = children.filter((c) => c === null).length;
  return {
    sum,
    difference: parent === null ? null : sum - parent,
    missing,
    isBalanced: parent !== null && sum === parent,
  };
}

/** Share of a target reached, between 0 and 1 (more than reached counts as 1); null without a target. */
export function completion(count: number, target: number | null): number | null {
  if (target === null || target <= 0) return null;
  return Math.min(1, count / target);
}
