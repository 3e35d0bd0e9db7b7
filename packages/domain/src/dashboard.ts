import { z } from 'zod';
import { EVALUATION_COMPONENTS, weightsSchema } from './evaluation';
import { kpiFigureSchema, kpiProjectionSchema, kpiTrendPointSchema, referenceDate } from './kpi';
import { OUTCOMES } from './platforms';
import { childReportingSchema } from './reports';
import { isoDate } from './units';

export const dashboardQuery = z.object({
  unitId: z.uuid().optional(),
  date: referenceDate.optional(),
});

const fraction = z.object({ count: z.number().int(), total: z.number().int() });

export const phaseSchema = z.object({
  id: z.string(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
});
export type PhaseDto = z.infer<typeof phaseSchema>;

const phaseName = z
  .string()
  .trim()
  .min(1, 'Nhập tên giai đoạn')
  .max(200, 'Tên giai đoạn tối đa 200 ký tự');

export const phasesBody = z.object({
  phases: z
    .array(
      z
        .object({ name: phaseName, startsOn: isoDate, endsOn: isoDate })
        .refine((p) => p.startsOn <= p.endsOn, {
          message: 'Ngày kết thúc phải sau ngày bắt đầu',
          path: ['endsOn'],
        }),
    )
    .max(24, 'Tối đa 24 giai đoạn'),
});

export const indicatorProgressSchema = z.object({
  indicatorId: z.string(),
  platformId: z.string(),
  platformName: z.string(),
  outcome: z.enum(OUTCOMES),
  target: z.number().int().nullable(),
  reached: z.number().int(),
});

export const childRowSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  level: z.string(),
  kpi: kpiFigureSchema,
  projection: kpiProjectionSchema,
  targetCompletion: z.number().nullable(),
  hamletsWithTeam: fraction,
  householdsInChat: fraction,
  behind: z.boolean(),
  behindReasons: z.array(z.enum(['kpi', 'targets'])),
  /** Its hamlets' reports for the last month ended by the date (periodic reports). */
  reporting: childReportingSchema,
});
export type DashboardChildRow = z.infer<typeof childRowSchema>;

export const dashboardSchema = z.object({
  unit: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  /** From the user's own unit down to this one (for the breadcrumb). */
  trail: z.array(z.object({ id: z.string(), name: z.string() })),
  date: z.string(),
  goal: z.number(),
  deadline: z.string(),
  kpi: kpiFigureSchema,
  trend: z.array(kpiTrendPointSchema),
  projection: kpiProjectionSchema,
  campaign: z
    .object({ id: z.string(), name: z.string(), startsOn: z.string(), endsOn: z.string() })
    .nullable(),
  indicators: z.array(indicatorProgressSchema),
  targetCompletion: z.number().nullable(),
  coverage: z.object({
    hamletsWithTeam: fraction,
    householdsInChat: fraction,
    /** Members trained: null until trainings are wired ("chưa có số liệu"). */
    membersTrained: fraction.nullable(),
  }),
  children: z.array(childRowSchema),
  phases: z.array(phaseSchema),
});
export type DashboardDto = z.infer<typeof dashboardSchema>;

export { weightsSchema };

export const weightsDtoSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  targets: z.number(),
  timeliness: z.number(),
  kpi: z.number(),
  isDefault: z.boolean(),
});

const componentValues = z.object(
  Object.fromEntries(EVALUATION_COMPONENTS.map((c) => [c, z.number().nullable()])) as Record<
    (typeof EVALUATION_COMPONENTS)[number],
    z.ZodNullable<z.ZodNumber>
  >,
);

export const rankingRowSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  /** For teams, the commune the hamlet belongs to. */
  parentName: z.string().nullable(),
  teamId: z.string().nullable(),
  components: componentValues,
  applied: componentValues,
  score: z.number().nullable(),
  renormalised: z.boolean(),
  rank: z.number().int().nullable(),
});
export type RankingRow = z.infer<typeof rankingRowSchema>;

export const rankingQuery = z.object({
  unitId: z.uuid().optional(),
  date: referenceDate.optional(),
  level: z.enum(['commune', 'team']).default('commune'),
});

export const rankingSchema = z.object({
  unit: z.object({ id: z.string(), name: z.string() }),
  date: z.string(),
  level: z.enum(['commune', 'team']),
  weights: weightsDtoSchema,
  /** True while reporting timeliness has no figures and the other weights are re-normalised. */
  timelinessMissing: z.boolean(),
  rows: z.array(rankingRowSchema),
});
export type RankingDto = z.infer<typeof rankingSchema>;
