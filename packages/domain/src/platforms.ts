import { z } from 'zod';
import { isoDate } from './units';

export const PILLARS = ['government', 'economy', 'society'] as const;
export type Pillar = (typeof PILLARS)[number];
export const PILLAR_LABELS: Record<Pillar, string> = {
  government: 'Chính quyền số',
  economy: 'Kinh tế số',
  society: 'Xã hội số',
};

export const PLATFORM_KINDS = [
  'app',
  'account',
  'online_service',
  'marketplace',
  'payment',
  'chat_group',
  'skill',
] as const;
export type PlatformKind = (typeof PLATFORM_KINDS)[number];
export const PLATFORM_KIND_LABELS: Record<PlatformKind, string> = {
  app: 'Ứng dụng',
  account: 'Tài khoản',
  online_service: 'Dịch vụ công trực tuyến',
  marketplace: 'Sàn thương mại điện tử',
  payment: 'Thanh toán',
  chat_group: 'Nhóm trò chuyện',
  skill: 'Kỹ năng số',
};

export const OUTCOMES = ['installed', 'account_created', 'first_use', 'skill_mastered'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  installed: 'Đã cài đặt',
  account_created: 'Đã tạo tài khoản',
  first_use: 'Đã sử dụng lần đầu',
  skill_mastered: 'Thành thạo kỹ năng',
};

export interface PlatformSeed {
  code: string;
  name: string;
  pillar: Pillar;
  kind: PlatformKind;
  link: string | null;
  outcomes: Outcome[];
  retiredOn?: string;
}

/** The plan's platforms, and the five basic digital skills of 2023 (2251/BTTTT-CĐSQG). */
export const PLAN_PLATFORMS: PlatformSeed[] = [
  {
    code: 'dvc-quoc-gia',
    name: 'Cổng Dịch vụ công quốc gia',
    pillar: 'government',
    kind: 'online_service',
    link: 'https://dichvucong.gov.vn',
    outcomes: ['account_created', 'first_use'],
  },
  {
    code: 'dvc-tinh',
    name: 'Cổng Dịch vụ công tỉnh Thái Nguyên',
    pillar: 'government',
    kind: 'online_service',
    link: 'https://dichvucong.thainguyen.gov.vn',
    outcomes: ['account_created', 'first_use'],
  },
  {
    code: 'c-thai-nguyen',
    name: 'C-Thái Nguyên',
    pillar: 'government',
    kind: 'app',
    link: null,
    outcomes: ['installed', 'account_created', 'first_use'],
  },
  {
    code: 'thai-nguyen-id',
    name: 'Thái Nguyên ID',
    pillar: 'government',
    kind: 'account',
    link: null,
    outcomes: ['account_created'],
  },
  {
    code: 'vneid',
    name: 'VNeID (định danh điện tử)',
    pillar: 'government',
    kind: 'app',
    link: 'https://vneid.gov.vn',
    outcomes: ['installed', 'account_created', 'first_use'],
  },
  {
    code: 'so-suc-khoe',
    name: 'Sổ sức khỏe điện tử',
    pillar: 'society',
    kind: 'app',
    link: null,
    outcomes: ['installed', 'account_created'],
  },
  {
    code: 'pc-covid',
    name: 'PC-COVID',
    pillar: 'society',
    kind: 'app',
    link: null,
    outcomes: ['installed'],
    retiredOn: '2023-06-01',
  },
  {
    code: 'thong-tin-dat-dai',
    name: 'Tra cứu thông tin đất đai',
    pillar: 'government',
    kind: 'online_service',
    link: null,
    outcomes: ['first_use'],
  },
  {
    code: 'postmart',
    name: 'Gian hàng số postmart.vn',
    pillar: 'economy',
    kind: 'marketplace',
    link: 'https://postmart.vn',
    outcomes: ['account_created', 'first_use'],
  },
  {
    code: 'voso',
    name: 'Gian hàng số voso.vn',
    pillar: 'economy',
    kind: 'marketplace',
    link: 'https://voso.vn',
    outcomes: ['account_created', 'first_use'],
  },
  {
    code: 'thanh-toan',
    name: 'Thanh toán điện tử, tài khoản ngân hàng',
    pillar: 'economy',
    kind: 'payment',
    link: null,
    outcomes: ['account_created', 'first_use'],
  },
  {
    code: 'nhom-zalo-xom',
    name: 'Nhóm Zalo của xóm',
    pillar: 'society',
    kind: 'chat_group',
    link: null,
    outcomes: ['first_use'],
  },
  {
    code: 'ky-nang-dvc',
    name: 'Kỹ năng: sử dụng dịch vụ công trực tuyến',
    pillar: 'government',
    kind: 'skill',
    link: null,
    outcomes: ['skill_mastered'],
  },
  {
    code: 'ky-nang-mua-sam',
    name: 'Kỹ năng: mua sắm trực tuyến',
    pillar: 'economy',
    kind: 'skill',
    link: null,
    outcomes: ['skill_mastered'],
  },
  {
    code: 'ky-nang-thanh-toan',
    name: 'Kỹ năng: thanh toán trực tuyến',
    pillar: 'economy',
    kind: 'skill',
    link: null,
    outcomes: ['skill_mastered'],
  },
  {
    code: 'ky-nang-an-toan',
    name: 'Kỹ năng: bảo vệ bản thân trên môi trường mạng',
    pillar: 'society',
    kind: 'skill',
    link: null,
    outcomes: ['skill_mastered'],
  },
  {
    code: 'ky-nang-nen-tang',
    name: 'Kỹ năng: sử dụng các nền tảng số của địa phương',
    pillar: 'society',
    kind: 'skill',
    link: null,
    outcomes: ['skill_mastered'],
  },
];

/** The skill that makes a resident count in the numerator of the 70% KPI. */
export const KPI_SKILL = { platformCode: 'ky-nang-dvc', outcome: 'skill_mastered' as Outcome };

export const platformSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  pillar: z.enum(PILLARS),
  kind: z.enum(PLATFORM_KINDS),
  link: z.string().nullable(),
  guideUrl: z.string().nullable(),
  /** The how-to guide as a file, downloaded from `/api/platforms/:id/guide-file`. */
  guideFile: z.object({ name: z.string(), mime: z.string(), size: z.number().int() }).nullable(),
  retiredOn: z.string().nullable(),
  outcomes: z.array(z.enum(OUTCOMES)),
});
export type PlatformDto = z.infer<typeof platformSchema>;

const url = z
  .string()
  .trim()
  .max(500)
  .refine((v) => /^https?:\/\/\S+$/.test(v), 'Đường dẫn phải bắt đầu bằng http:// hoặc https://');

export const platformBody = z.object({
  name: z.string().trim().min(2, 'Nhập tên nền tảng').max(200),
  pillar: z.enum(PILLARS),
  kind: z.enum(PLATFORM_KINDS),
  link: url.nullable().default(null),
  guideUrl: url.nullable().default(null),
  outcomes: z.array(z.enum(OUTCOMES)).min(1, 'Chọn ít nhất một kết quả').max(OUTCOMES.length),
});

/** A platform's guide file: PDF, PNG, JPEG or Word (.docx), at most this size. */
export const MAX_PLATFORM_GUIDE_BYTES = 5 * 1024 * 1024;

export const retirePlatformBody = z.object({ retiredOn: isoDate });

/** A support record as a device sends it: its own id (UUID), made offline if need be. */
export const supportRecordInput = z.object({
  id: z.uuid(),
  residentId: z.uuid(),
  platformId: z.uuid(),
  outcome: z.enum(OUTCOMES),
  supportedOn: isoDate,
  note: z.string().trim().max(500).default(''),
  /** A correction: this record voids the one named here (nothing is edited in place). */
  voidsId: z.uuid().nullable().default(null),
});
export type SupportRecordInput = z.infer<typeof supportRecordInput>;

export const SYNC_BATCH_MAX = 100;
export const syncBody = z.object({
  records: z.array(supportRecordInput).min(1).max(SYNC_BATCH_MAX),
});

export const SYNC_STATUSES = ['applied', 'duplicate', 'rejected'] as const;
export const syncResultSchema = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      status: z.enum(SYNC_STATUSES),
      reason: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
});
export type SyncResult = z.infer<typeof syncResultSchema>['results'][number];

/** The month key of a date, the grain of the kept counts: "2022-06". */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}
