import { z } from 'zod';

/** What a commune's or a team's score is made of (Plan 174: targets, reporting, the 70% goal). */
export const EVALUATION_COMPONENTS = ['targets', 'timeliness', 'kpi'] as const;
export type EvaluationComponent = (typeof EVALUATION_COMPONENTS)[number];

export type EvaluationWeights = Record<EvaluationComponent, number>;

/** Weights used until the district sets its own. */
export const DEFAULT_WEIGHTS: EvaluationWeights = { targets: 50, timeliness: 20, kpi: 30 };

const weight = z
  .number({ message: 'Trọng số phải là số' })
  .int('Trọng số phải là số nguyên')
  .min(0, 'Trọng số không được âm')
  .max(100, 'Trọng số không quá 100');

export const weightsSchema = z
  .object({ targets: weight, timeliness: weight, kpi: weight })
  .refine((w) => w.targets + w.timeliness + w.kpi === 100, {
    message: 'Tổng các trọng số phải bằng 100',
    path: ['targets'],
  });

/** Each component as a share in [0, 1], or null when there is no figure for it. */
export type EvaluationInputs = Record<EvaluationComponent, number | null>;

export interface EvaluationScore {
  /** 0–100, null when no component has a figure or every weight with a figure is 0. */
  score: number | null;
  /** The weights actually applied (re-normalised to 100 over the components with a figure). */
  applied: Record<EvaluationComponent, number | null>;
  /** True when a component had no figure and the others' weights were scaled up. */
  renormalised: boolean;
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/**
 * A score out of 100: the weighted mean of the components. A component without a figure (for
 * instance reporting timeliness before reports exist) is left out and the remaining weights are
 * scaled to sum to 100, and the score says so.
 */
export function evaluationScore(
  inputs: EvaluationInputs,
  weights: EvaluationWeights,
): EvaluationScore {
  const present = EVALUATION_COMPONENTS.filter((c) => inputs[c] !== null);
  const total = present.reduce((s, c) => s + weights[c], 0);
  const applied = Object.fromEntries(
    EVALUATION_COMPONENTS.map((c) => [
      c,
      inputs[c] === null || total === 0 ? null : (weights[c] * 100) / total,
    ]),
  ) as Record<EvaluationComponent, number | null>;
  const renormalised = present.length < EVALUATION_COMPONENTS.length && total > 0;
  if (total === 0) return { score: null, applied, renormalised: false };
  const score = present.reduce(
    (s, c) => s + clamp01(inputs[c] as number) * (applied[c] as number),
    0,
  );
  return { score: Math.round(score * 10) / 10, applied, renormalised };
}

/** Target completion: the mean over indicators with a target of reached / target, each capped at 1. */
export function targetCompletion(cells: readonly { target: number | null; reached: number }[]) {
  const withTarget = cells.filter((c) => c.target !== null && c.target > 0);
  if (withTarget.length === 0) return null;
  return (
    withTarget.reduce((s, c) => s + Math.min(1, c.reached / (c.target as number)), 0) /
    withTarget.length
  );
}

/** KPI progress: the KPI rate over the goal, capped at 1. */
export function kpiProgress(rate: number | null, goal: number): number | null {
  return rate === null ? null : Math.min(1, rate / goal);
}

/** Standard competition ranking (1, 1, 3): equal scores share a rank; no score comes last, unranked. */
export function rankByScore<T extends { score: number | null }>(
  items: readonly T[],
): (T & { rank: number | null })[] {
  const sorted = [...items].sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
  let rank = 0;
  let prev: number | null = null;
  return sorted.map((item, i) => {
    if (item.score === null) return { ...item, rank: null };
    if (item.score !== prev) rank = i + 1;
    prev = item.score;
    return { ...item, rank };
  });
}
