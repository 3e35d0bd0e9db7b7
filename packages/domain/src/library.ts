import { z } from 'zod';
import { OUTCOMES } from './platforms';
import { pageQuery } from './units';

// The materials library, the "how to help a resident with X" cards and the good practices.

export const MATERIAL_KINDS = ['guide', 'video'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

export const MATERIAL_TOPICS = [
  'public_services',
  'payments',
  'health',
  'commerce',
  'online_safety',
  'digital_skills',
  'policy',
  'other',
] as const;
export type MaterialTopic = (typeof MATERIAL_TOPICS)[number];

export const MATERIAL_LANGUAGES = ['vi', 'en', 'other'] as const;

/** Guides: PDF, PNG, JPEG up to 10 MB; videos: MP4 or WebM up to 20 MB (a link is better). */
export const MAX_GUIDE_BYTES = 10 * 1024 * 1024;
export const MAX_VIDEO_BYTES = 20 * 1024 * 1024;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

const httpLink = z
  .string()
  .trim()
  .max(500)
  .refine((v) => /^https?:\/\/\S+$/.test(v), 'Đường dẫn phải bắt đầu bằng http:// hoặc https://');

export const materialBody = z.object({
  kind: z.enum(MATERIAL_KINDS),
  title: z.string().trim().min(3, 'Nhập tiêu đề (ít nhất 3 ký tự)').max(200),
  description: z.string().trim().max(2000).default(''),
  language: z.enum(MATERIAL_LANGUAGES).default('vi'),
  source: z.string().trim().max(200).default(''),
  platformId: z.uuid().nullable().default(null),
  topic: z.enum(MATERIAL_TOPICS),
  url: httpLink.nullable().default(null),
});
export type MaterialBody = z.infer<typeof materialBody>;

export const materialSchema = z.object({
  id: z.string(),
  kind: z.enum(MATERIAL_KINDS),
  title: z.string(),
  description: z.string(),
  language: z.enum(MATERIAL_LANGUAGES),
  source: z.string(),
  platformId: z.string().nullable(),
  platformName: z.string().nullable(),
  topic: z.enum(MATERIAL_TOPICS),
  url: z.string().nullable(),
  file: z.object({ mime: z.string(), size: z.number().int(), name: z.string() }).nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  createdAt: z.string(),
  canEdit: z.boolean(),
});
export type MaterialDto = z.infer<typeof materialSchema>;

export const listMaterialsQuery = z.object({
  q: z.string().max(100).optional(),
  platformId: z.uuid().optional(),
  topic: z.enum(MATERIAL_TOPICS).optional(),
  kind: z.enum(MATERIAL_KINDS).optional(),
  ...pageQuery,
});

const lines = (max: number, label: string) =>
  z
    .array(z.string().trim().min(1, `${label}: dòng trống`).max(500))
    .max(max, `${label}: nhiều nhất ${max} dòng`);

export const guideCardBody = z.object({
  steps: lines(20, 'Các bước').min(1, 'Nhập ít nhất một bước'),
  needs: lines(20, 'Người dân cần'),
  problems: lines(20, 'Vướng mắc thường gặp'),
});
export type GuideCardBody = z.infer<typeof guideCardBody>;

export const guideCardSchema = z.object({
  platformId: z.string(),
  platformCode: z.string(),
  platformName: z.string(),
  platformLink: z.string().nullable(),
  steps: z.array(z.string()),
  needs: z.array(z.string()),
  problems: z.array(z.string()),
  updatedAt: z.string().nullable(),
  materials: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      kind: z.enum(MATERIAL_KINDS),
      url: z.string().nullable(),
      hasFile: z.boolean(),
    }),
  ),
});
export type GuideCardDto = z.infer<typeof guideCardSchema>;

export const PRACTICE_STATUSES = ['draft', 'published'] as const;
export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];

export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Tháng phải có dạng YYYY-MM');

export const figureBody = z
  .object({
    label: z.string().trim().min(3, 'Nhập tên số liệu').max(200),
    platformId: z.uuid(),
    unitId: z.uuid(),
    outcome: z.enum(OUTCOMES).nullable().default(null),
    fromMonth: isoMonth,
    toMonth: isoMonth,
  })
  .refine((f) => f.fromMonth <= f.toMonth, {
    path: ['toMonth'],
    message: 'Tháng kết thúc phải sau tháng bắt đầu',
  });

export const practiceBody = z.object({
  title: z.string().trim().min(5, 'Nhập tiêu đề (ít nhất 5 ký tự)').max(200),
  body: z.string().trim().min(20, 'Mô tả cách làm (ít nhất 20 ký tự)').max(20000),
  figures: z.array(figureBody).max(10).default([]),
});
export type PracticeBody = z.infer<typeof practiceBody>;

export const figureSchema = z.object({
  id: z.string(),
  label: z.string(),
  platformId: z.string(),
  platformName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  outcome: z.enum(OUTCOMES).nullable(),
  fromMonth: z.string(),
  toMonth: z.string(),
  /** Live: the records counted in support_counts for that unit, platform and months. */
  count: z.number().int(),
  /** The query for GET /api/supports listing the records behind the figure, when in scope. */
  recordsQuery: z.string().nullable(),
});

export const commentSchema = z.object({
  id: z.string(),
  authorName: z.string(),
  body: z.string(),
  createdAt: z.string(),
  canDelete: z.boolean(),
});
export type CommentDto = z.infer<typeof commentSchema>;

export const practiceSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  excerpt: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  authorName: z.string(),
  status: z.enum(PRACTICE_STATUSES),
  featured: z.boolean(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  photoCount: z.number().int(),
  commentCount: z.number().int(),
});
export type PracticeSummaryDto = z.infer<typeof practiceSummarySchema>;

export const practiceSchema = practiceSummarySchema.extend({
  body: z.string(),
  photos: z.array(z.object({ id: z.string(), name: z.string() })),
  figures: z.array(figureSchema),
  canEdit: z.boolean(),
  canFeature: z.boolean(),
});
export type PracticeDto = z.infer<typeof practiceSchema>;

export const listPracticesQuery = z.object({
  q: z.string().max(100).optional(),
  status: z.enum(PRACTICE_STATUSES).optional(),
  featured: z.enum(['0', '1']).optional(),
  ...pageQuery,
});

export const commentBody = z.object({
  body: z.string().trim().min(1, 'Nhập nội dung bình luận').max(2000),
});

/** First and last day of a month range, for the records behind a figure. */
export function monthRangeDates(fromMonth: string, toMonth: string): { from: string; to: string } {
  const [y, m] = toMonth.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${fromMonth}-01`, to: `${toMonth}-${String(last).padStart(2, '0')}` };
}

/** A short plain excerpt of a practice's text for the list. */
export function excerptOf(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
