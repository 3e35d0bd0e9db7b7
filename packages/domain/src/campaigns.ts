import { z } from 'zod';
import { OUTCOME_LABELS, OUTCOMES, type Outcome } from './platforms';
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

export const campaignBody = z.object({
  unitId: z.uuid(),
  name: z.string().trim().min(3, 'Nhập tên đợt triển khai').max(200),
  startsOn: isoDate,
  endsOn: isoDate,
  indicators: z
    .array(z.object({ platformId: z.uuid(), outcome: z.enum(OUTCOMES) }))
    .min(1, 'Chọn ít nhất một chỉ tiêu')
    .max(60),
});

export const indicatorSchema = z.object({
  id: z.string(),
  platformId: z.string(),
  platformName: z.string(),
  outcome: z.enum(OUTCOMES),
});

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
      count: z.number().int(),
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
          count: z.number().int(),
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

/** An indicator's column title, e.g. "VNeID (định danh điện tử) — Đã tạo tài khoản". */
export function indicatorTitle(
  ind: { platformName: string; outcome: Outcome },
  outcomeLabel: (o: Outcome) => string = (o) => OUTCOME_LABELS[o],
): string {
  return `${ind.platformName} — ${outcomeLabel(ind.outcome)}`;
}
