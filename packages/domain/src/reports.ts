import { z } from 'zod';
import { OUTCOMES } from './platforms';
import { isoDate, pageQuery, pageSchema } from './units';

// Periodic reports of hamlets (by their team) and communes: statuses, the workflow's transitions,
// the figures a report carries, their aggregation, due dates and the reporting rates.

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_LEVELS = ['hamlet', 'commune'] as const;
export type ReportLevel = (typeof REPORT_LEVELS)[number];

export const REPORT_ACTIONS = ['submit', 'return', 'approve'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** The status a report moves to under an action, or null when the action is not allowed. */
export function nextStatus(status: ReportStatus, action: ReportAction): ReportStatus | null {
  if (action === 'submit') return status === 'draft' || status === 'returned' ? 'submitted' : null;
  if (status !== 'submitted') return null;
  return action === 'return' ? 'returned' : 'approved';
}

/** Whether a report's sections may still change: only a draft, or one returned for changes. */
export function isEditable(status: ReportStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** Default days after the end of a period by which its report is due. */
export const DEFAULT_REPORT_DUE_DAYS = 5;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The due date of a period's report: `dueDays` days after the period's last day. */
export function reportDueOn(periodTo: string, dueDays: number): string {
  return addDays(periodTo, dueDays);
}

/** A month period "2022-06": its first and last days and label. */
export function monthPeriod(key: string): { key: string; from: string; to: string; label: string } {
  const [y, m] = key.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return {
    key,
    from: `${key}-01`,
    to: `${key}-${String(last).padStart(2, '0')}`,
    label: `Tháng ${m}/${y}`,
  };
}

/** The month keys from the month of `from` to the month of `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number);
  const end = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) break;
    out.push(key);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export const periodKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Kỳ báo cáo dạng YYYY-MM');

export const reportSectionsSchema = z.object({
  activities: z.string().max(10_000),
  results: z.string().max(10_000),
  difficulties: z.string().max(10_000),
  proposals: z.string().max(10_000),
});
export type ReportSections = z.infer<typeof reportSectionsSchema>;
export const REPORT_SECTIONS = ['activities', 'results', 'difficulties', 'proposals'] as const;
export const EMPTY_SECTIONS: ReportSections = {
  activities: '',
  results: '',
  difficulties: '',
  proposals: '',
};

export const reportIndicatorFigureSchema = z.object({
  indicatorId: z.string(),
  platformName: z.string(),
  outcome: z.enum(OUTCOMES),
  /** The unit's target for the campaign, null when none was given. */
  target: z.number().int().nullable(),
  /** Reached from the campaign's start to the end of the period. */
  reached: z.number().int(),
  /** Reached during the period. */
  inPeriod: z.number().int(),
});
export type ReportIndicatorFigure = z.infer<typeof reportIndicatorFigureSchema>;

export const reportFiguresSchema = z.object({
  campaignName: z.string().nullable(),
  indicators: z.array(reportIndicatorFigureSchema),
  /** Households that joined the hamlet's chat groups, as last counted by the period's end. */
  chatGroupHouseholds: z.number().int().nullable(),
  /** Households of the registry. */
  households: z.number().int().nullable(),
  /** Team members trained; null while no figure is available. */
  membersTrained: z.number().int().nullable(),
  /** For a commune: the hamlets whose approved reports are summed, and those missing. */
  hamletsIncluded: z.array(z.string()).optional(),
  hamletsMissing: z.array(z.string()).optional(),
});
export type ReportFigures = z.infer<typeof reportFiguresSchema>;

const sumNullable = (values: (number | null)[]): number | null =>
  values.every((v) => v === null) ? null : values.reduce<number>((s, v) => s + (v ?? 0), 0);

/**
 * Sums hamlet figures into a commune's: each indicator's target, reached and in-period counts,
 * households and members trained (null only when no hamlet has the figure).
 */
export function aggregateFigures(
  parts: readonly ReportFigures[],
  order: readonly Omit<ReportIndicatorFigure, 'target' | 'reached' | 'inPeriod'>[] = [],
): ReportFigures {
  const byId = new Map<string, ReportIndicatorFigure[]>();
  const meta = new Map(order.map((i) => [i.indicatorId, i]));
  for (const p of parts)
    for (const i of p.indicators) {
      if (!meta.has(i.indicatorId)) meta.set(i.indicatorId, i);
      byId.set(i.indicatorId, [...(byId.get(i.indicatorId) ?? []), i]);
    }
  return {
    campaignName: parts.find((p) => p.campaignName)?.campaignName ?? null,
    indicators: [...meta.values()].map((m) => {
      const list = byId.get(m.indicatorId) ?? [];
      return {
        indicatorId: m.indicatorId,
        platformName: m.platformName,
        outcome: m.outcome,
        target: sumNullable(list.map((i) => i.target)),
        reached: list.reduce((s, i) => s + i.reached, 0),
        inPeriod: list.reduce((s, i) => s + i.inPeriod, 0),
      };
    }),
    chatGroupHouseholds: sumNullable(parts.map((p) => p.chatGroupHouseholds)),
    households: sumNullable(parts.map((p) => p.households)),
    membersTrained: sumNullable(parts.map((p) => p.membersTrained)),
  };
}

export interface Submission {
  unitId: string;
  /** The date (YYYY-MM-DD, Vietnam) the report was first submitted, null if never. */
  firstSubmittedOn: string | null;
}

export interface ReportingRate {
  expected: number;
  submitted: number;
  onTime: number;
  /** Submitted / expected, percent with one decimal; null when nothing is expected. */
  reportingRate: number | null;
  /** Submitted on or before the due date / expected, percent with one decimal. */
  onTimeRate: number | null;
  missing: string[];
  late: string[];
}

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

/**
 * The reporting rate and the on-time rate of a set of expected units for one period: a unit
 * counts as reporting once it has submitted (whatever happened next), on time if its first
 * submission came on or before the due date. Submissions of units not expected are ignored.
 */
export function reportingRate(
  expected: readonly string[],
  submissions: readonly Submission[],
  dueOn: string,
): ReportingRate {
  const first = new Map<string, string>();
  for (const s of submissions) {
    if (s.firstSubmittedOn === null) continue;
    const prev = first.get(s.unitId);
    if (!prev || s.firstSubmittedOn < prev) first.set(s.unitId, s.firstSubmittedOn);
  }
  const units = [...new Set(expected)];
  const missing = units.filter((u) => !first.has(u));
  const late = units.filter((u) => first.has(u) && first.get(u)! > dueOn);
  const submitted = units.length - missing.length;
  const onTime = submitted - late.length;
  return {
    expected: units.length,
    submitted,
    onTime,
    reportingRate: pct(submitted, units.length),
    onTimeRate: pct(onTime, units.length),
    missing,
    late,
  };
}

// ---- API shapes ----

export const reportActionSchema = z.object({
  action: z.enum(['create', 'save', 'submit', 'return', 'approve', 'amend']),
  comment: z.string().nullable(),
  byName: z.string(),
  at: z.string(),
});

export const reportSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  level: z.enum(REPORT_LEVELS),
  parentName: z.string().nullable(),
  periodKey: z.string(),
  periodLabel: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  requestId: z.string().nullable(),
  requestTitle: z.string().nullable(),
  version: z.number().int(),
  amendsId: z.string().nullable(),
  supersededById: z.string().nullable(),
  status: z.enum(REPORT_STATUSES),
  dueOn: z.string(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  returnComment: z.string().nullable(),
  sections: reportSectionsSchema,
  figures: reportFiguresSchema,
  /** True while the figures are computed at each view (draft or returned). */
  figuresLive: z.boolean(),
  versions: z.array(
    z.object({ id: z.string(), version: z.number().int(), status: z.enum(REPORT_STATUSES) }),
  ),
  history: z.array(reportActionSchema),
  /** Difficulties raised from this report (any of its versions) that the user can see. */
  difficulties: z.array(z.object({ id: z.string(), title: z.string(), status: z.string() })),
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    review: z.boolean(),
    amend: z.boolean(),
    /** Raise a difficulty from this report: its own unit, or the commune above a hamlet. */
    raiseDifficulty: z.boolean(),
  }),
});
export type ReportDto = z.infer<typeof reportSchema>;

export const reportRowSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  level: z.enum(REPORT_LEVELS),
  reportId: z.string().nullable(),
  status: z.enum(REPORT_STATUSES).nullable(),
  version: z.number().int().nullable(),
  submittedAt: z.string().nullable(),
  late: z.boolean(),
});
export type ReportRowDto = z.infer<typeof reportRowSchema>;

export const reportListSchema = z.object({
  periodKey: z.string(),
  periodLabel: z.string(),
  dueOn: z.string(),
  unit: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  own: reportRowSchema.nullable(),
  children: z.array(reportRowSchema),
});
export type ReportListDto = z.infer<typeof reportListSchema>;

export const reportingRateRowSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  expected: z.number().int(),
  submitted: z.number().int(),
  onTime: z.number().int(),
  reportingRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  communeStatus: z.enum(REPORT_STATUSES).nullable(),
});
/** A child unit's hamlet reports for a month, as the dashboard shows them. */
export const childReportingSchema = z.object({
  periodKey: z.string(),
  /** Hamlets expected to report (with an established team by the month's end). */
  expected: z.number().int(),
  submitted: z.number().int(),
  onTime: z.number().int(),
  approved: z.number().int(),
});
export type ChildReporting = z.infer<typeof childReportingSchema>;

export const reportingRatesSchema = z.object({
  periodKey: z.string(),
  dueOn: z.string(),
  rows: z.array(reportingRateRowSchema),
  total: reportingRateRowSchema.omit({ communeStatus: true }),
});
export type ReportingRatesDto = z.infer<typeof reportingRatesSchema>;

export const createReportBody = z
  .object({
    unitId: z.uuid(),
    periodKey: periodKey.optional(),
    requestId: z.uuid().optional(),
  })
  .refine((b) => (b.periodKey === undefined) !== (b.requestId === undefined), {
    message: 'Chọn kỳ báo cáo hoặc yêu cầu báo cáo đột xuất',
    path: ['periodKey'],
  });

export const returnReportBody = z.object({
  comment: z.string().trim().min(3, 'Ghi rõ nội dung cần sửa').max(2000),
});

export const reportRequestBody = z.object({
  title: z.string().trim().min(3, 'Nhập tên báo cáo').max(300),
  periodFrom: isoDate,
  periodTo: isoDate,
  dueOn: isoDate,
  unitIds: z.array(z.uuid()).min(1, 'Chọn ít nhất một đơn vị').max(500),
});
export type ReportRequestBody = z.infer<typeof reportRequestBody>;

export const reportRequestSchema = z.object({
  id: z.string(),
  title: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  dueOn: z.string(),
  createdAt: z.string(),
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      reportId: z.string().nullable(),
      status: z.enum(REPORT_STATUSES).nullable(),
    }),
  ),
});
export type ReportRequestDto = z.infer<typeof reportRequestSchema>;

export const listReportRequestsQuery = z.object({
  ...pageQuery,
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const reportRequestPageSchema = pageSchema(reportRequestSchema);
export type ReportRequestPageDto = z.infer<typeof reportRequestPageSchema>;

export const reportSettingsSchema = z.object({
  dueDays: z.number().int().min(0).max(60),
});

export const consolidatedJobSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  message: z.string().nullable(),
});
export type ConsolidatedJobDto = z.infer<typeof consolidatedJobSchema>;
