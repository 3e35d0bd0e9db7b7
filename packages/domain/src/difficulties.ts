import { z } from 'zod';
import { pageQuery } from './units';

/** The fixed list of what a difficulty is about. */
export const DIFFICULTY_CATEGORIES = [
  'infrastructure',
  'devices',
  'skills',
  'platform',
  'policy',
  'funding',
  'other',
] as const;
export type DifficultyCategory = (typeof DIFFICULTY_CATEGORIES)[number];

export const DIFFICULTY_CATEGORY_LABELS: Record<DifficultyCategory, string> = {
  infrastructure: 'Hạ tầng, sóng di động, internet',
  devices: 'Thiết bị (điện thoại thông minh, máy tính)',
  skills: 'Kỹ năng của người dân',
  platform: 'Lỗi nền tảng, ứng dụng',
  policy: 'Chính sách, thủ tục',
  funding: 'Kinh phí',
  other: 'Khác',
};

export const URGENCIES = ['normal', 'urgent', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Days the level that must act has to respond, per urgency, unless the district sets others. */
export const DEFAULT_RESPONSE_DAYS: Record<Urgency, number> = { normal: 7, urgent: 3, critical: 1 };

export const responseDaysSchema = z.object({
  normal: z.number().int().min(1).max(90),
  urgent: z.number().int().min(1).max(90),
  critical: z.number().int().min(1).max(90),
});

export const DIFFICULTY_STATUSES = ['open', 'assigned', 'answered', 'resolved'] as const;
export type DifficultyStatus = (typeof DIFFICULTY_STATUSES)[number];

export const DIFFICULTY_ACTIONS = [
  'raise',
  'assign',
  'answer',
  'resolve',
  'escalate',
  'reopen',
] as const;
export type DifficultyAction = (typeof DIFFICULTY_ACTIONS)[number];

/** The raiser may reopen an answered or resolved difficulty this many times. */
export const MAX_REOPENS = 1;

/** Past its due time and not resolved. */
export function isOverdue(d: { status: string; dueAt: string }, now: Date = new Date()): boolean {
  return d.status !== 'resolved' && d.dueAt < now.toISOString();
}

/** The due instant: `days` after `from`. */
export function dueAfter(from: Date, days: number): string {
  return new Date(from.getTime() + days * 24 * 60 * 60 * 1000).toISOString();
}

const text = (max: number, message: string) => z.string().trim().min(1, message).max(max);

export const createDifficultyBody = z.object({
  unitId: z.uuid(),
  category: z.enum(DIFFICULTY_CATEGORIES),
  urgency: z.enum(URGENCIES),
  title: text(200, 'Nhập tiêu đề khó khăn'),
  description: text(4000, 'Mô tả khó khăn, vướng mắc'),
  /** The periodic report it was raised from, if any. */
  reportId: z.uuid().optional(),
});
export type CreateDifficultyBody = z.infer<typeof createDifficultyBody>;

export const assignDifficultyBody = z.object({ assigneeId: z.uuid() });
export const answerDifficultyBody = z.object({ answer: text(4000, 'Nhập nội dung trả lời') });
export const noteBody = z.object({ note: z.string().trim().max(2000).optional() });
export const escalateDifficultyBody = z.object({
  note: text(2000, 'Ghi rõ lý do chuyển lên cấp trên'),
});
export const reopenDifficultyBody = z.object({
  note: text(2000, 'Ghi rõ vì sao khó khăn chưa được giải quyết'),
});

export const DIFFICULTY_VIEWS = ['all', 'mine', 'handle'] as const;
export type DifficultyView = (typeof DIFFICULTY_VIEWS)[number];

export const listDifficultiesQuery = z.object({
  view: z.enum(DIFFICULTY_VIEWS).default('all'),
  status: z.enum(DIFFICULTY_STATUSES).optional(),
  /** `unresolved`: every status but resolved. */
  state: z.enum(['unresolved', 'overdue']).optional(),
  category: z.enum(DIFFICULTY_CATEGORIES).optional(),
  urgency: z.enum(URGENCIES).optional(),
  unitId: z.uuid().optional(),
  q: z.string().max(100).optional(),
  ...pageQuery,
});
export type ListDifficultiesQuery = z.input<typeof listDifficultiesQuery>;

const unitRef = z.object({ id: z.string(), name: z.string(), level: z.string() });
const userRef = z.object({ id: z.string(), fullName: z.string() });

export const difficultySummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  category: z.enum(DIFFICULTY_CATEGORIES),
  urgency: z.enum(URGENCIES),
  status: z.enum(DIFFICULTY_STATUSES),
  unit: unitRef,
  handlerUnit: unitRef,
  assignee: userRef.nullable(),
  raisedBy: userRef.nullable(),
  raisedAt: z.string(),
  dueAt: z.string(),
  isOverdue: z.boolean(),
  reportId: z.string().nullable(),
  isDemo: z.boolean(),
});
export type DifficultySummaryDto = z.infer<typeof difficultySummarySchema>;

export const difficultyEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.enum(DIFFICULTY_ACTIONS),
  by: userRef.nullable(),
  fromUnit: unitRef.nullable(),
  toUnit: unitRef.nullable(),
  assignee: userRef.nullable(),
  note: z.string().nullable(),
});
export type DifficultyEventDto = z.infer<typeof difficultyEventSchema>;

export const difficultyDetailSchema = difficultySummarySchema.extend({
  description: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredBy: userRef.nullable(),
  resolvedAt: z.string().nullable(),
  reopenCount: z.number().int(),
  events: z.array(difficultyEventSchema),
  /** The periodic report it was raised from, when the user can see it. */
  report: z.object({ id: z.string(), unitName: z.string(), periodLabel: z.string() }).nullable(),
  /** What the signed-in user may do now. */
  can: z.object({
    assign: z.boolean(),
    answer: z.boolean(),
    resolve: z.boolean(),
    escalate: z.boolean(),
    reopen: z.boolean(),
  }),
  /** Officers of the handling level the difficulty can be assigned to (only for its handlers). */
  assignees: z.array(userRef),
});
export type DifficultyDetailDto = z.infer<typeof difficultyDetailSchema>;

export const overdueCountsQuery = z.object({ unitId: z.uuid().optional() });
export const overdueCountsSchema = z.object({
  unit: unitRef.nullable(),
  total: z.number().int(),
  overdue: z.number().int(),
  byUnit: z.array(z.object({ unit: unitRef, open: z.number().int(), overdue: z.number().int() })),
});
export type OverdueCountsDto = z.infer<typeof overdueCountsSchema>;
