import { z } from 'zod';
import { OUTCOME_LABELS, OUTCOMES, type Outcome } from './platforms';
import { compareSplit, splitTarget } from './targets';
import { isoDate } from './units';

export const PERIOD_KINDS = ['week', 'month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  key: string;
  label: string;
  from: string;
  to: string;
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function day(s: string): Date {
  return new Date(`${s}T00:00:00Z`);
}

function fmt(s: string): string {
  const [y, m, d] = s.split('-');
  return `${d}/${m}/${y}`;
}

/** The reporting periods of a campaign, clipped to its dates (weeks start on Monday). */
export function reportingPeriods(from: string, to: string, kind: PeriodKind): Period[] {
  const out: Period[] = [];
  let cursor = day(from);
  const end = day(to);
  if (kind === 'week') cursor.setUTCDate(cursor.getUTCDate() - ((cursor.getUTCDay() + 6) % 7));
  if (kind === 'month') cursor.setUTCDate(1);
  if (kind === 'quarter')
    cursor = new Date(
      Date.UTC(cursor.getUTCFullYear(), Math.floor(cursor.getUTCMonth() / 3) * 3, 1),
    );
  if (kind === 'year') cursor = new Date(Date.UTC(cursor.getUTCFullYear(), 0, 1));
  while (cursor <= end) {
    const next = new Date(cursor);
    if (kind === 'week') next.setUTCDate(next.getUTCDate() + 7);
    if (kind === 'month') next.setUTCMonth(next.getUTCMonth() + 1);
    if (kind === 'quarter') next.setUTCMonth(next.getUTCMonth() + 3);
    if (kind === 'year') next.setUTCFullYear(next.getUTCFullYear() + 1);
    const last = new Date(next.getTime() - 86_400_000);
    const a = iso(cursor) < from ? from : iso(cursor);
    const b = iso(last) > to ? to : iso(last);
    const y = cursor.getUTCFullYear();
    const m = cursor.getUTCMonth() + 1;
    const label =
      kind === 'month'
        ? `Tháng ${m}/${y}`
        : kind === 'quarter'
          ? `Quý ${Math.floor((m - 1) / 3) + 1}/${y}`
          : kind === 'year'
            ? `Năm ${y}`
            : `Tuần ${fmt(a)} – ${fmt(b)}`;
    const key =
      kind === 'month'
        ? `${y}-${String(m).padStart(2, '0')}`
        : kind === 'quarter'
          ? `${y}-Q${Math.floor((m - 1) / 3) + 1}`
          : kind === 'year'
            ? `${y}`
            : `${a}`;
    out.push({ key, label, from: a, to: b });
    cursor = next;
  }
  return out;
}

/**
 * What an indicator counts: residents or households helped with a platform to an outcome; the
 * households in the hamlet chat groups (coverage); or the share of working-age residents able to
 * use online public services (the 70% KPI, whose target is a percentage).
 */
export const INDICATOR_KINDS = ['platform_outcome', 'chat_coverage', 'working_age_share'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const INDICATOR_KIND_LABELS: Record<IndicatorKind, string> = {
  platform_outcome: 'Nền tảng và kết quả',
  chat_coverage: 'Số hộ trong nhóm trò chuyện của xóm',
  working_age_share: 'Tỷ lệ người trong độ tuổi lao động sử dụng được dịch vụ công trực tuyến (%)',
};
/** A share's target is a percentage. */
export const SHARE_TARGET_MAX = 100;

export const indicatorInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('platform_outcome'),
    platformId: z.uuid(),
    outcome: z.enum(OUTCOMES),
  }),
  z.object({ kind: z.literal('chat_coverage') }),
  z.object({ kind: z.literal('working_age_share') }),
]);
export type IndicatorInput = z.infer<typeof indicatorInput>;

/** A platform indicator may be sent without its kind (as before kinds existed). */
const indicatorItem = z.preprocess(
  (v) => (v && typeof v === 'object' && !('kind' in v) ? { ...v, kind: 'platform_outcome' } : v),
  indicatorInput,
);

export const campaignBody = z.object({
  unitId: z.uuid(),
  name: z.string().trim().min(3, 'Nhập tên đợt triển khai').max(200),
  startsOn: isoDate,
  endsOn: isoDate,
  indicators: z.array(indicatorItem).min(1, 'Chọn ít nhất một chỉ tiêu').max(60),
});

export const campaignUpdateBody = z.object({
  name: z.string().trim().min(3, 'Nhập tên đợt triển khai').max(200),
  startsOn: isoDate,
  endsOn: isoDate,
});

export const indicatorSchema = z.object({
  id: z.string(),
  kind: z.enum(INDICATOR_KINDS),
  platformId: z.string().nullable(),
  platformName: z.string().nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
});
export type IndicatorDto = z.infer<typeof indicatorSchema>;

/**
 * The platform/outcome indicators of a list, typed as such: the ones counted from support records
 * (chat coverage and the 70% share have their own figures).
 */
export function platformIndicators<
  T extends { platformId: string | null; outcome: Outcome | null },
>(indicators: readonly T[]): (T & { platformId: string; outcome: Outcome })[] {
  return indicators.flatMap((i) =>
    i.platformId !== null && i.outcome !== null
      ? [{ ...i, platformId: i.platformId, outcome: i.outcome }]
      : [],
  );
}

export const campaignSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  indicators: z.array(indicatorSchema),
});
export type CampaignDto = z.infer<typeof campaignSchema>;

export const targetCellsBody = z.object({
  targets: z
    .array(
      z.object({
        indicatorId: z.uuid(),
        unitId: z.uuid(),
        value: z.number().int().min(0).max(10_000_000).nullable(),
      }),
    )
    .min(1)
    .max(2000),
});

export const targetGridSchema = z.object({
  campaignId: z.string(),
  unit: z.object({
    id: z.string(),
    name: z.string(),
    code: z.string().nullable(),
    level: z.string(),
    /** The unit above, when the user may open its grid (to go back up). */
    parentId: z.string().nullable(),
  }),
  /** Whether the user may change the targets of the rows, and of the unit itself. */
  canEditRows: z.boolean(),
  canEditUnit: z.boolean(),
  weightBy: z.enum(['working_age', 'households']),
  indicators: z.array(indicatorSchema),
  parent: z.array(
    z.object({
      indicatorId: z.string(),
      target: z.number().int().nullable(),
      count: z.number().int().nullable(),
    }),
  ),
  rows: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      code: z.string().nullable(),
      /** Whether the row's unit has units below it (its own grid can be opened). */
      hasChildren: z.boolean(),
      weight: z.number().int(),
      cells: z.array(
        z.object({
          indicatorId: z.string(),
          target: z.number().int().nullable(),
          suggested: z.number().int().nullable(),
          /** Reached: a count, or a percentage for a share (null while it is not computed). */
          count: z.number().int().nullable(),
        }),
      ),
    }),
  ),
  balance: z.array(
    z.object({
      indicatorId: z.string(),
      sum: z.number().int(),
      difference: z.number().int().nullable(),
      missing: z.number().int(),
      isBalanced: z.boolean(),
    }),
  ),
});
export type TargetGridDto = z.infer<typeof targetGridSchema>;

/**
 * An indicator's column title, e.g. "VNeID (định danh điện tử) — Đã tạo tài khoản"; the kinds
 * without a platform take their kind's label (both can be given in the user's language).
 */
export function indicatorTitle(
  ind: { kind?: IndicatorKind; platformName: string | null; outcome: Outcome | null },
  outcomeLabel: (o: Outcome) => string = (o) => OUTCOME_LABELS[o],
  kindLabel: (k: IndicatorKind) => string = (k) => INDICATOR_KIND_LABELS[k],
): string {
  const kind = ind.kind ?? 'platform_outcome';
  if (kind !== 'platform_outcome' || !ind.platformName || !ind.outcome) return kindLabel(kind);
  return `${ind.platformName} — ${outcomeLabel(ind.outcome)}`;
}

/**
 * How the rows' targets compare with the unit's own for one column. Counts must add up; a share
 * (a percentage) does not add up, so it is only checked for missing cells.
 */
export function balanceOf(
  kind: IndicatorKind,
  parent: number | null,
  children: readonly (number | null)[],
) {
  if (kind !== 'working_age_share') return compareSplit(parent, children);
  const missing = children.filter((c) => c === null).length;
  return { sum: 0, difference: null, missing, isBalanced: missing === 0 };
}

/** The suggested targets of the rows: a count split by weight, a share given to each as it is. */
export function suggestSplit(
  kind: IndicatorKind,
  parent: number | null,
  weights: readonly number[],
): number[] | null {
  if (parent === null) return null;
  if (kind === 'working_age_share') return weights.map(() => parent);
  return splitTarget(parent, weights);
}
