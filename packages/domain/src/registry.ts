import { z } from 'zod';
import { normalizePhone } from './phone';
import { SEXES } from './teams';
import { isoDate, pageBody, pageQuery } from './units';
import type { WorkingAgeStatus } from './working-age';

export const RELATIONS = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'sibling',
  'in_law',
  'other',
] as const;
export type Relation = (typeof RELATIONS)[number];
export const RELATION_LABELS: Record<Relation, string> = {
  head: 'Chủ hộ',
  spouse: 'Vợ/Chồng',
  child: 'Con',
  parent: 'Bố/Mẹ',
  grandchild: 'Cháu',
  sibling: 'Anh/Chị/Em',
  in_law: 'Con dâu/Con rể',
  other: 'Khác',
};

const optionalPhone = z
  .string()
  .trim()
  .max(30)
  .nullable()
  .transform((v, ctx) => {
    if (v === null || v === '') return null;
    const n = normalizePhone(v);
    if (!n) {
      ctx.addIssue({ code: 'custom', message: 'Số điện thoại không hợp lệ' });
      return z.NEVER;
    }
    return n;
  });

/** A national ID number: 12 digits (CCCD / số định danh) or 9 digits (old CMND). */
export const nationalId = z
  .string()
  .trim()
  .regex(/^(\d{9}|\d{12})$/, 'Số CCCD / định danh gồm 12 chữ số (hoặc 9 chữ số CMND cũ)');

const householdFields = {
  address: z.string().trim().max(300),
  headName: z.string().trim().max(120),
  phone: optionalPhone,
  notes: z.string().trim().max(1000),
};

export const householdBody = z.object({
  hamletId: z.uuid(),
  address: householdFields.address.default(''),
  headName: householdFields.headName.default(''),
  phone: optionalPhone.default(null),
  notes: householdFields.notes.default(''),
});
export type HouseholdBody = z.infer<typeof householdBody>;

export const updateHouseholdBody = z.object(householdFields).partial();
export const moveHouseholdBody = z.object({ hamletId: z.uuid(), movedOn: isoDate });

const currentYear = () => new Date().getFullYear();

const residentFields = {
  fullName: z.string().trim().min(2, 'Nhập họ và tên').max(120),
  sex: z.enum(SEXES).nullable(),
  birthYear: z
    .number()
    .int()
    .min(1900, 'Năm sinh không hợp lệ')
    .refine((y) => y <= currentYear(), 'Năm sinh không hợp lệ')
    .nullable(),
  relation: z.enum(RELATIONS),
  phone: optionalPhone,
  nationalId: nationalId.nullable(),
  ethnicity: z.string().trim().max(60).nullable(),
  notes: z.string().trim().max(1000),
};

export const residentBody = z.object({
  householdId: z.uuid(),
  ...residentFields,
  sex: residentFields.sex.default(null),
  birthYear: residentFields.birthYear.default(null),
  relation: residentFields.relation.default('other'),
  phone: optionalPhone.default(null),
  nationalId: residentFields.nationalId.default(null),
  ethnicity: residentFields.ethnicity.default(null),
  notes: residentFields.notes.default(''),
  /** Create even though possible duplicates were shown. */
  confirmNotDuplicate: z.boolean().default(false),
});
export type ResidentBody = z.infer<typeof residentBody>;

/** Only the fields sent change: no defaults here, so a missing field is never wiped. */
export const updateResidentBody = z.object(residentFields).partial();
export const moveResidentBody = z.object({ householdId: z.uuid(), movedOn: isoDate });

export const CONSENT_STATUSES = ['given', 'refused', 'withdrawn'] as const;
export const CONSENT_NOTICE_VERSION = '2026-01';
/** The notice read to a resident before their data is recorded (Law 91/2025/QH15, Decree 356/2025). */
export const CONSENT_NOTICE_VI = [
  'Tổ công nghệ số cộng đồng của xóm ghi nhận họ tên, giới tính, năm sinh, quan hệ với chủ hộ, số điện thoại',
  'và (nếu ông/bà đồng ý) số định danh cá nhân, dân tộc của ông/bà, để hướng dẫn ông/bà sử dụng dịch vụ công',
  'trực tuyến và các nền tảng số, theo dõi kết quả hỗ trợ và báo cáo Ủy ban nhân dân xã, huyện.',
  'Bên kiểm soát dữ liệu là Ủy ban nhân dân xã. Dữ liệu chỉ dùng cho mục đích trên, không mua bán, không chia sẻ',
  'cho bên khác. Ông/bà có quyền được biết, đồng ý hoặc không đồng ý, rút lại sự đồng ý, xem, chỉnh sửa, yêu cầu',
  'xóa, hạn chế xử lý dữ liệu của mình, bằng cách báo với Tổ hoặc cán bộ văn hóa - xã hội xã.',
].join(' ');

export const consentBody = z.object({
  status: z.enum(CONSENT_STATUSES),
  recordedOn: isoDate,
  noticeVersion: z.string().trim().min(1).max(20).default(CONSENT_NOTICE_VERSION),
});

export const consentSchema = z.object({
  id: z.string(),
  status: z.enum(CONSENT_STATUSES),
  recordedOn: z.string(),
  noticeVersion: z.string(),
  collectedBy: z.string().nullable(),
});

export const DUPLICATE_REASONS = ['name_birth_year', 'phone', 'national_id'] as const;

export const duplicateSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  birthYear: z.number().int().nullable(),
  hamletName: z.string(),
  householdHead: z.string(),
  reasons: z.array(z.enum(DUPLICATE_REASONS)),
});
export type DuplicateDto = z.infer<typeof duplicateSchema>;

export const duplicateQuery = z.object({
  hamletId: z.uuid(),
  fullName: z.string().trim().max(120).optional(),
  birthYear: z.coerce.number().int().min(1900).max(2200).optional(),
  phone: z.string().max(30).optional(),
  nationalId: z.string().max(20).optional(),
  exceptId: z.uuid().optional(),
});

export const residentSchema = z.object({
  id: z.string(),
  householdId: z.string(),
  householdHead: z.string(),
  householdAddress: z.string(),
  hamletId: z.string(),
  hamletName: z.string(),
  fullName: z.string(),
  sex: z.enum(SEXES).nullable(),
  birthYear: z.number().int().nullable(),
  relation: z.enum(RELATIONS),
  phone: z.string().nullable(),
  phoneMasked: z.boolean(),
  nationalIdLast4: z.string().nullable(),
  ethnicity: z.string().nullable(),
  notes: z.string(),
  status: z.enum(['active', 'merged', 'erased']),
  workingAge: z.enum(['working_age', 'below', 'above', 'unknown']),
  consent: z.enum(CONSENT_STATUSES).nullable(),
});
export type ResidentDto = z.infer<typeof residentSchema> & { workingAge: WorkingAgeStatus };

export const householdSchema = z.object({
  id: z.string(),
  hamletId: z.string(),
  hamletName: z.string(),
  address: z.string(),
  headName: z.string(),
  phone: z.string().nullable(),
  phoneMasked: z.boolean(),
  notes: z.string(),
  residentCount: z.number().int(),
});
export type HouseholdDto = z.infer<typeof householdSchema>;

/** The search text: a name without accents, a phone, a birth year. Personal data: only ever in a
 * POST body (`/api/residents/search`, `/api/households/search`), never in a URL. */
const searchText = z.string().max(100).optional();

const residentFilters = {
  unitId: z.uuid().optional(),
  householdId: z.uuid().optional(),
  /** The residents behind a KPI figure (dashboard): working age, able, or unknown age, on `on`. */
  kpi: z.enum(['working_age', 'able', 'unknown_age']).optional(),
  on: isoDate.optional(),
};

/** GET /api/residents: browsing by unit, household, birth year or KPI, without search text. */
export const listResidentsQuery = z.object({
  ...residentFilters,
  birthYear: z.coerce.number().int().min(1900).max(2200).optional(),
  ...pageQuery,
});

/** POST /api/residents/search: the same filters and the search text, as JSON (numbers as numbers). */
export const searchResidentsBody = z.object({
  q: searchText,
  ...residentFilters,
  birthYear: z.number().int().min(1900).max(2200).optional(),
  ...pageBody,
});
export type SearchResidentsBody = z.infer<typeof searchResidentsBody>;

/** GET /api/households: browsing by unit, without search text. */
export const listHouseholdsQuery = z.object({
  unitId: z.uuid().optional(),
  ...pageQuery,
});

/** POST /api/households/search: by head's name, address or phone, as JSON. */
export const searchHouseholdsBody = z.object({
  q: searchText,
  unitId: z.uuid().optional(),
  ...pageBody,
});

export const mergeResidentsBody = z.object({
  keepId: z.uuid(),
  mergeId: z.uuid(),
});

export const DATA_REQUEST_KINDS = ['see', 'correct', 'delete', 'restrict'] as const;
export const DATA_REQUEST_LABELS: Record<(typeof DATA_REQUEST_KINDS)[number], string> = {
  see: 'Xem dữ liệu',
  correct: 'Chỉnh sửa dữ liệu',
  delete: 'Xóa dữ liệu',
  restrict: 'Hạn chế xử lý',
};
export const dataRequestBody = z.object({
  residentId: z.uuid(),
  kind: z.enum(DATA_REQUEST_KINDS),
  receivedOn: isoDate,
  details: z.string().trim().max(2000).default(''),
});
export const handleDataRequestBody = z.object({
  status: z.enum(['done', 'rejected']),
  response: z.string().trim().min(3, 'Ghi kết quả xử lý').max(2000),
});
export const dataRequestSchema = z.object({
  id: z.string(),
  residentId: z.string(),
  residentName: z.string(),
  kind: z.enum(DATA_REQUEST_KINDS),
  receivedOn: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'done', 'rejected']),
  details: z.string(),
  response: z.string(),
  handledOn: z.string().nullable(),
  isOverdue: z.boolean(),
});

/** Due date of a data subject request: 15 days for withdrawal/restriction/deletion, 2 working days' acknowledgement otherwise is tracked as 15 days too (Decree 356/2025). */
export function dataRequestDueOn(receivedOn: string): string {
  const d = new Date(`${receivedOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 15);
  return d.toISOString().slice(0, 10);
}

/** The last four digits, the only part of a national ID number ever shown. */
export function nationalIdLast4(id: string): string {
  return id.slice(-4);
}

/** Columns of a household list, with the Vietnamese headers communes use (folded, without accents). */
export const IMPORT_FIELDS = {
  hamlet: [
    'xom',
    'thon',
    'to dan pho',
    'xom thon to dan pho',
    'xom thon',
    'ban',
    'thon xom',
    'ten xom',
  ],
  address: ['dia chi', 'dia chi ho'],
  household: ['ma ho', 'so ho', 'ma so ho', 'so thu tu ho', 'stt ho'],
  fullName: ['ho va ten', 'ho ten', 'ten', 'ho va ten nhan khau'],
  birthYear: ['nam sinh'],
  birthDate: ['ngay sinh', 'ngay thang nam sinh'],
  sex: ['gioi tinh', 'nam nu'],
  relation: ['quan he voi chu ho', 'quan he', 'quan he chu ho'],
  phone: ['so dien thoai', 'dien thoai', 'sdt', 'so dt'],
  nationalId: [
    'so cccd',
    'cccd',
    'so dinh danh',
    'so cccd so dinh danh',
    'so dinh danh ca nhan',
    'so cmnd',
    'cmnd',
    'cccd cmnd',
  ],
  ethnicity: ['dan toc'],
  notes: ['ghi chu'],
} as const;
export type ImportField = keyof typeof IMPORT_FIELDS;

/** The template's headers, in order. */
export const IMPORT_TEMPLATE_HEADERS: Record<ImportField, string> = {
  hamlet: 'Xóm / Thôn / Tổ dân phố',
  address: 'Địa chỉ',
  household: 'Mã hộ',
  fullName: 'Họ và tên',
  birthYear: 'Năm sinh',
  birthDate: 'Ngày sinh',
  sex: 'Giới tính',
  relation: 'Quan hệ với chủ hộ',
  phone: 'Số điện thoại',
  nationalId: 'Số CCCD / Số định danh',
  ethnicity: 'Dân tộc',
  notes: 'Ghi chú',
};

export const importMappingBody = z.object({
  mapping: z.partialRecord(
    z.enum(Object.keys(IMPORT_FIELDS) as [ImportField, ...ImportField[]]),
    z.number().int().min(0).max(200).nullable(),
  ),
});

export const importJobSchema = z.object({
  id: z.string(),
  status: z.enum(['reading', 'needs_mapping', 'invalid', 'ready', 'writing', 'done', 'failed']),
  fileName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  processed: z.number().int(),
  total: z.number().int().nullable(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.number().int().nullable()),
  errors: z.array(
    z.object({
      path: z.string(),
      message: z.string(),
      row: z.number().int().optional(),
      column: z.string().optional(),
    }),
  ),
  errorCount: z.number().int(),
  warnings: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
  duplicates: z.array(
    z.object({
      row: z.number().int(),
      fullName: z.string(),
      reasons: z.array(z.enum(DUPLICATE_REASONS)),
      existingId: z.string().nullable(),
      existingRow: z.number().int().nullable(),
      existingName: z.string(),
    }),
  ),
  duplicateCount: z.number().int(),
  summary: z.object({ households: z.number().int(), residents: z.number().int() }),
  written: z
    .object({
      households: z.number().int(),
      residents: z.number().int(),
      skipped: z.number().int(),
    })
    .nullable(),
  message: z.string().nullable(),
});
export type ImportJobDto = z.infer<typeof importJobSchema>;

/** Parses a sex cell: "Nam", "Nữ", "M", "F"; blank is unknown; anything else is "invalid". */
export function parseSex(text: string): 'male' | 'female' | null | 'invalid' {
  const f = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
  if (f === '') return null;
  if (['nam', 'm', 'male', 'trai'].includes(f)) return 'male';
  if (['nu', 'f', 'female', 'gai'].includes(f)) return 'female';
  return 'invalid';
}

/** Parses a relation cell ("Chủ hộ", "Vợ", "Con"…); blank is "other". */
export function parseRelation(text: string): Relation | 'invalid' {
  const f = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .trim();
  if (f === '') return 'other';
  if (['chu ho', 'ch', 'chu'].includes(f)) return 'head';
  if (['vo', 'chong', 'vo/chong', 'vo chong'].includes(f)) return 'spouse';
  if (f.startsWith('con dau') || f.startsWith('con re')) return 'in_law';
  if (f.startsWith('con')) return 'child';
  if (['bo', 'me', 'cha', 'bo/me', 'bo me', 'cha me'].includes(f)) return 'parent';
  if (['ong', 'ba', 'ong ba'].includes(f)) return 'other';
  if (f.startsWith('chau')) return 'grandchild';
  if (f.startsWith('anh') || f.startsWith('chi') || f.startsWith('em')) return 'sibling';
  if (f === 'khac') return 'other';
  return 'invalid';
}
