import { z } from 'zod';
import type { Sex } from './teams';
import { isoDate } from './units';
import { retirementMonth, workingAgeStatus, type WorkingAgeStatus } from './working-age';

/** The plan's goal: 70% of working-age residents able to use online public services. */
export const KPI_GOAL = 0.7;

/** Residents of one sex and birth year (null: unknown), as kept per unit. */
export interface CohortCount {
  sex: Sex | null;
  birthYear: number | null;
  count: number;
}

/** Residents of one cohort who first became able to use online public services in `month` (YYYY-MM). */
export interface SkillCohortCount extends CohortCount {
  month: string;
}

export interface KpiFigure {
  /** Working-age residents able to use online public services on the reference date. */
  able: number;
  /** Working-age residents registered. */
  workingAge: number;
  /** able / workingAge, null when there is no working-age resident. */
  rate: number | null;
  /** Residents whose sex or birth year is unknown: counted apart, never in or out silently. */
  unknownAge: number;
  unknownAgeAble: number;
}

const monthOfDate = (date: string) => date.slice(0, 7);
const STATUS_MEMO = new Map<string, WorkingAgeStatus>();

/** The plan's deadline for the goal ("by 2025"): a unit projected later is behind. */
export const KPI_DEADLINE = '2025-12';

/** The last day of a month (YYYY-MM → YYYY-MM-DD). */
export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m, 0));
  return d.toISOString().slice(0, 10);
}

const monthIndex = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return y * 12 + m - 1;
};

/** A trend never holds more than this many months. */
export const MAX_TREND_MONTHS = 120;

/** Adds months to a YYYY-MM month. */
export function addMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/**
 * The KPI on a reference date from kept cohort counts. A resident's working age is judged on the
 * date (1 January rule); a skill counts from the month it was first recorded up to the date's
 * month. Cohorts with unknown sex or birth year are reported apart.
 */
export function kpiOn(
  residents: readonly CohortCount[],
  skills: readonly SkillCohortCount[],
  date: string,
): KpiFigure {
  const month = monthOfDate(date);
  const statusOf = (c: CohortCount) => {
    // Working age depends on the month only; remembered across calls (a few thousand keys).
    const key = `${c.sex}|${c.birthYear}|${month}`;
    let s = STATUS_MEMO.get(key);
    if (s === undefined) {
      if (STATUS_MEMO.size > 50_000) STATUS_MEMO.clear();
      s = workingAgeStatus({ sex: c.sex, birthYear: c.birthYear }, date);
      STATUS_MEMO.set(key, s);
    }
    return s;
  };
  let workingAge = 0;
  let unknownAge = 0;
  for (const c of residents) {
    const s = statusOf(c);
    if (s === 'working_age') workingAge += c.count;
    else if (s === 'unknown') unknownAge += c.count;
  }
  let able = 0;
  let unknownAgeAble = 0;
  for (const c of skills) {
    if (c.month > month) continue;
    const s = statusOf(c);
    if (s === 'working_age') able += c.count;
    else if (s === 'unknown') unknownAgeAble += c.count;
  }
  return {
    able,
    workingAge,
    rate: workingAge === 0 ? null : able / workingAge,
    unknownAge,
    unknownAgeAble,
  };
}

export interface KpiTrendPoint {
  month: string;
  able: number;
  workingAge: number;
  rate: number | null;
}

/**
 * The KPI at the end of each month from `from` to `to` (YYYY-MM): `kpiOn` at each month's end.
 * The skills are first summed per cohort and cumulated by month (a skill counts from its month
 * on), so each month judges a few hundred cohorts instead of every cohort × month row again.
 */
export function kpiTrend(
  residents: readonly CohortCount[],
  skills: readonly SkillCohortCount[],
  from: string,
  to: string,
): KpiTrendPoint[] {
  const out: KpiTrendPoint[] = [];
  const months = Math.min(MAX_TREND_MONTHS, monthIndex(to) - monthIndex(from) + 1);
  const start = monthIndex(from);
  const cohorts = new Map<string, { sex: Sex | null; birthYear: number | null; cum: number[] }>();
  for (const s of skills) {
    const i = Math.max(0, monthIndex(s.month) - start);
    if (i >= months) continue;
    const key = `${s.sex}|${s.birthYear}`;
    let c = cohorts.get(key);
    if (!c) {
      c = { sex: s.sex, birthYear: s.birthYear, cum: new Array<number>(months).fill(0) };
      cohorts.set(key, c);
    }
    c.cum[i] += s.count;
  }
  const summed = [...cohorts.values()];
  for (const c of summed) for (let i = 1; i < months; i += 1) c.cum[i] += c.cum[i - 1];
  for (let i = 0; i < months; i += 1) {
    const m = addMonth(from, i);
    const f = kpiOn(
      residents,
      summed.map((c) => ({ sex: c.sex, birthYear: c.birthYear, month: m, count: c.cum[i] })),
      lastDayOfMonth(m),
    );
    out.push({ month: m, able: f.able, workingAge: f.workingAge, rate: f.rate });
  }
  return out;
}

// --- The KPI kept as changes per month -----------------------------------------------------------
//
// A resident of known sex and birth year is at working age over one span of months: from January
// of the year they turn 15 to the month they reach retirement age (`workingAgeStatus`); once able
// (a skill recorded in some month) they count as able over the part of that span from the skill's
// month on. So the KPI of a unit can be kept as changes per month (+1 when a span starts, −1 the
// month after it ends), and the KPI of any month is the sum of the changes up to that month: a
// unit's trend reads one row per month with a change instead of one per cohort and month.

/** Changes to a unit's KPI that take effect in `month` (YYYY-MM; `ALWAYS` for every month). */
export interface KpiMonthChange {
  month: string;
  workingAge: number;
  able: number;
  unknownAge: number;
  unknownAgeAble: number;
}

/** The month of changes that hold for every month (residents of unknown age). */
export const ALWAYS = '0000-00';

const monthOfIndex = (i: number) =>
  `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;

/**
 * The changes one resident makes to the KPI (`count` residents alike: a cohort): the span of
 * working age, the part of it during which they are able (from `skillMonth`, when given), or, for
 * an unknown sex or birth year, the counts apart (from `ALWAYS`, and from the skill's month).
 */
export function kpiChangesOf(
  person: { sex: Sex | null; birthYear: number | null; skillMonth: string | null },
  count = 1,
): KpiMonthChange[] {
  const change = (month: string, c: Partial<KpiMonthChange>): KpiMonthChange => ({
    month,
    workingAge: 0,
    able: 0,
    unknownAge: 0,
    unknownAgeAble: 0,
    ...c,
  });
  const { sex, birthYear, skillMonth } = person;
  if (sex === null || birthYear === null) {
    const out = [change(ALWAYS, { unknownAge: count })];
    if (skillMonth) out.push(change(skillMonth, { unknownAgeAble: count }));
    return out;
  }
  const start = (birthYear + 15) * 12;
  const retire = retirementMonth(sex, birthYear);
  const after = retire.year * 12 + retire.month; // the month after retirement, as an index
  if (after <= start) return [];
  const out = [
    change(monthOfIndex(start), { workingAge: count }),
    change(monthOfIndex(after), { workingAge: -count }),
  ];
  if (skillMonth) {
    const from = Math.max(start, monthIndex(skillMonth));
    if (from < after)
      out.push(
        change(monthOfIndex(from), { able: count }),
        change(monthOfIndex(after), { able: -count }),
      );
  }
  return out;
}

/**
 * The KPI at the end of each month from `from` to `to` (the trend) and on any date of `to` (the
 * figure), from a unit's kept changes: the same numbers as `kpiTrend` and `kpiOn` give from its
 * cohorts. Changes after `to` are ignored; those before `from` may come summed in one row.
 */
export function kpiFromChanges(
  changes: readonly KpiMonthChange[],
  from: string,
  to: string,
): { trend: KpiTrendPoint[]; kpi: KpiFigure } {
  const start = monthIndex(from);
  const last = monthIndex(to);
  const months = Math.max(0, Math.min(MAX_TREND_MONTHS, last - start + 1));
  // [working age, able, unknown age, unknown age able] before the window, in each of its months,
  // and after the trend's last month (a window longer than the trend's limit) up to `to`.
  const base = [0, 0, 0, 0];
  const tail = [0, 0, 0, 0];
  const at = Array.from({ length: months }, () => [0, 0, 0, 0]);
  for (const c of changes) {
    const i = c.month === ALWAYS ? -1 : monthIndex(c.month);
    if (i > last) continue;
    const into = i < start ? base : i - start < months ? at[i - start] : tail;
    into[0] += c.workingAge;
    into[1] += c.able;
    into[2] += c.unknownAge;
    into[3] += c.unknownAgeAble;
  }
  const sum = [...base];
  const trend: KpiTrendPoint[] = [];
  for (let i = 0; i < months; i += 1) {
    for (let k = 0; k < 4; k += 1) sum[k] += at[i][k];
    trend.push({
      month: addMonth(from, i),
      able: sum[1],
      workingAge: sum[0],
      rate: sum[0] === 0 ? null : sum[1] / sum[0],
    });
  }
  for (let k = 0; k < 4; k += 1) sum[k] += tail[k];
  return {
    trend,
    kpi: {
      able: sum[1],
      workingAge: sum[0],
      rate: sum[0] === 0 ? null : sum[1] / sum[0],
      unknownAge: sum[2],
      unknownAgeAble: sum[3],
    },
  };
}

export const PROJECTION_STATUSES = ['reached', 'projected', 'no_progress', 'no_data'] as const;
export type ProjectionStatus = (typeof PROJECTION_STATUSES)[number];

export interface KpiProjection {
  status: ProjectionStatus;
  /** reached: the first month at or above the goal; projected: the month it will be reached. */
  month: string | null;
  /** Points of rate gained per month over the window (0.01 = one percentage point). */
  pace: number | null;
}

/**
 * When the goal will be reached at the current pace: the average monthly gain over the last
 * `window` months of the trend, carried forward from the last point. Already reached, no progress
 * (a pace of zero or less) and no data (no working-age resident) are told apart.
 */
export function projectKpi(
  trend: readonly KpiTrendPoint[],
  goal = KPI_GOAL,
  window = 6,
): KpiProjection {
  const points = trend.filter((p) => p.rate !== null) as (KpiTrendPoint & { rate: number })[];
  if (points.length === 0) return { status: 'no_data', month: null, pace: null };
  const last = points[points.length - 1];
  const recent = points.slice(-window);
  const first = recent[0];
  const span =
    recent.length > 1
      ? (Number(last.month.slice(0, 4)) - Number(first.month.slice(0, 4))) * 12 +
        Number(last.month.slice(5)) -
        Number(first.month.slice(5))
      : 0;
  const pace = span > 0 ? (last.rate - first.rate) / span : null;
  if (last.rate >= goal) {
    const firstReached = points.find(
      (p, i) => p.rate >= goal && points.slice(i).every((q) => q.rate >= goal),
    );
    return { status: 'reached', month: firstReached?.month ?? last.month, pace };
  }
  if (pace === null || pace <= 0) return { status: 'no_progress', month: null, pace };
  const months = Math.ceil((goal - last.rate) / pace - 1e-9);
  return { status: 'projected', month: addMonth(last.month, months), pace };
}

/** A reference date: a real calendar day between 2000 and 2100. */
export const referenceDate = isoDate.refine(
  (s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return (
      !Number.isNaN(d.getTime()) &&
      d.toISOString().slice(0, 10) === s &&
      s >= '2000-01-01' &&
      s <= '2100-12-31'
    );
  },
  { message: 'Ngày không hợp lệ (từ năm 2000 đến 2100)' },
);

export const lateProjection = (p: KpiProjection) =>
  p.status === 'no_progress' || (p.status === 'projected' && (p.month ?? '') > KPI_DEADLINE);

type Standing = { rate: number | null; projection: KpiProjection; completion: number | null };

/**
 * Why a child is behind: on the KPI when its rate is more than 20% under its parent's, or when it
 * misses the deadline while the parent does not; on targets when its completion is more than 20%
 * under its parent's, or under 90% of the campaign's elapsed share while the parent is not.
 * Relative to the parent so that, when every unit is late, the ones furthest behind still stand out.
 */
export function behindReasons(
  child: Standing,
  parent: Standing,
  elapsedShare: number | null,
): ('kpi' | 'targets')[] {
  const reasons: ('kpi' | 'targets')[] = [];
  if (child.rate !== null && child.rate < KPI_GOAL) {
    const under = parent.rate !== null && child.rate < parent.rate * 0.8;
    const late = lateProjection(child.projection) && !lateProjection(parent.projection);
    if (under || late) reasons.push('kpi');
  }
  if (child.completion !== null && child.completion < 1) {
    const under = parent.completion !== null && child.completion < parent.completion * 0.8;
    const slow = (c: number | null) =>
      c !== null && elapsedShare !== null && c < elapsedShare * 0.9;
    if (under || (slow(child.completion) && !slow(parent.completion))) reasons.push('targets');
  }
  return reasons;
}

export const kpiFigureSchema = z.object({
  able: z.number().int(),
  workingAge: z.number().int(),
  rate: z.number().nullable(),
  unknownAge: z.number().int(),
  unknownAgeAble: z.number().int(),
});

export const kpiTrendPointSchema = z.object({
  month: z.string(),
  able: z.number().int(),
  workingAge: z.number().int(),
  rate: z.number().nullable(),
});

export const kpiProjectionSchema = z.object({
  status: z.enum(PROJECTION_STATUSES),
  month: z.string().nullable(),
  pace: z.number().nullable(),
});
