import { z } from 'zod';
import { responseDaysSchema } from './difficulties';
import { normalizePhone } from './phone';
import { isoDate, pageQuery } from './units';

export const AFFILIATIONS = [
  'hamlet_head',
  'youth_union',
  'women_union',
  'farmers_union',
  'veterans_union',
  'fatherland_front',
  'party_cell',
  'police',
  'civil_servant',
  'teacher',
  'volunteer',
  'other',
] as const;
export type Affiliation = (typeof AFFILIATIONS)[number];

/** How each affiliation is written in Vietnamese (lists, decisions, templates). */
export const AFFILIATION_LABELS: Record<Affiliation, string> = {
  hamlet_head: 'Trưởng xóm / Tổ trưởng tổ dân phố',
  youth_union: 'Chi đoàn thanh niên',
  women_union: 'Chi hội phụ nữ',
  farmers_union: 'Chi hội nông dân',
  veterans_union: 'Chi hội cựu chiến binh',
  fatherland_front: 'Ban công tác Mặt trận',
  party_cell: 'Chi bộ',
  police: 'Công an',
  civil_servant: 'Công chức, viên chức',
  teacher: 'Giáo viên',
  volunteer: 'Tình nguyện viên',
  other: 'Khác',
};

export const TEAM_ROLES = ['leader', 'deputy', 'member'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export const TEAM_ROLE_LABELS: Record<TeamRole, string> = {
  leader: 'Tổ trưởng',
  deputy: 'Tổ phó',
  member: 'Thành viên',
};

export const TEAM_STATUSES = ['proposed', 'established', 'dissolved'] as const;
export type TeamStatus = (typeof TEAM_STATUSES)[number];

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

export const PHASE_KEYS = ['establishment', 'activities', 'evaluation'] as const;

export const phaseSchema = z.object({
  key: z.enum(PHASE_KEYS),
  name: z.string().trim().min(1).max(120),
  from: isoDate,
  to: isoDate,
});

export const programmeSettingsBody = z.object({
  planNumber: z.string().trim().min(1, 'Nhập số kế hoạch').max(60),
  planDate: isoDate,
  planIssuer: z.string().trim().min(1, 'Nhập cơ quan ban hành').max(200),
  teamSizeMin: z.number().int().min(1).max(50),
  teamSizeMax: z.number().int().min(1).max(50),
  requiredAffiliations: z.array(z.enum(AFFILIATIONS)).max(AFFILIATIONS.length),
  establishmentDeadline: isoDate,
  phases: z.array(phaseSchema).max(10),
  legalGrounds: z.array(z.string().trim().min(1).max(1000)).max(20),
  duties: z.array(z.string().trim().min(1).max(2000)).max(20),
  /** Days to respond to a difficulty per urgency; the defaults of difficulties.ts when absent. */
  difficultyResponseDays: responseDaysSchema.optional(),
});
export type ProgrammeSettings = z.infer<typeof programmeSettingsBody>;

export const programmeSettingsSchema = programmeSettingsBody.extend({
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  isDefault: z.boolean(),
});
export type ProgrammeSettingsDto = z.infer<typeof programmeSettingsSchema>;

/** The plan's own settings, used until a district or province sets its own. */
export const DEFAULT_SETTINGS: ProgrammeSettings = {
  planNumber: '174/KH-UBND',
  planDate: '2022-05-16',
  planIssuer: 'Ủy ban nhân dân huyện Phú Lương',
  teamSizeMin: 5,
  teamSizeMax: 7,
  requiredAffiliations: ['hamlet_head', 'youth_union', 'women_union'],
  establishmentDeadline: '2022-05-31',
  phases: [
    { key: 'establishment', name: 'Thành lập Tổ', from: '2022-05-01', to: '2022-05-31' },
    {
      key: 'activities',
      name: 'Tuyên truyền, hướng dẫn người dân',
      from: '2022-06-01',
      to: '2022-11-30',
    },
    { key: 'evaluation', name: 'Đánh giá, tổng kết mô hình', from: '2022-12-01', to: '2022-12-31' },
  ],
  legalGrounds: [
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015',
    'Căn cứ Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ phê duyệt "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030"',
    'Căn cứ Văn bản số 793/BTTTT-THH ngày 05 tháng 3 năm 2022 của Bộ Thông tin và Truyền thông về việc hướng dẫn thí điểm triển khai Tổ công nghệ số cộng đồng',
    'Căn cứ Kế hoạch số 174/KH-UBND ngày 16 tháng 5 năm 2022 của Ủy ban nhân dân huyện Phú Lương về triển khai mô hình Tổ công nghệ số cộng đồng hỗ trợ người dân tham gia chuyển đổi số',
  ],
  duties: [
    'Tuyên truyền, phổ biến về chuyển đổi số đến từng hộ gia đình trên địa bàn',
    'Hướng dẫn người dân cài đặt, sử dụng dịch vụ công trực tuyến, C-Thái Nguyên, Thái Nguyên ID, Sổ sức khỏe điện tử, thanh toán điện tử, gian hàng số trên postmart.vn, voso.vn',
    'Lập và duy trì nhóm Zalo của xóm gồm tất cả các hộ gia đình',
    'Thực hiện các chỉ tiêu được giao; báo cáo định kỳ kết quả hoạt động về Ủy ban nhân dân xã',
  ],
};

const phone = z
  .string()
  .trim()
  .max(30)
  .transform((v, ctx) => {
    if (v === '') return null;
    const n = normalizePhone(v);
    if (!n) {
      ctx.addIssue({ code: 'custom', message: 'Số điện thoại không hợp lệ' });
      return z.NEVER;
    }
    return n;
  });

const currentYear = () => new Date().getFullYear();

export const memberBody = z.object({
  fullName: z.string().trim().min(2, 'Nhập họ và tên').max(120),
  sex: z.enum(SEXES).nullable(),
  birthYear: z
    .number()
    .int()
    .min(1900, 'Năm sinh không hợp lệ')
    .refine((y) => y <= currentYear() - 10, 'Năm sinh không hợp lệ')
    .nullable(),
  phone: phone.nullable(),
  affiliation: z.enum(AFFILIATIONS),
  position: z.string().trim().max(120).default(''),
  digitalSkills: z.string().trim().max(500).default(''),
  role: z.enum(TEAM_ROLES),
  joinedOn: isoDate.nullable(),
});
export type MemberBody = z.infer<typeof memberBody>;

export const memberSchema = z.object({
  id: z.string(),
  teamId: z.string(),
  fullName: z.string(),
  sex: z.enum(SEXES).nullable(),
  birthYear: z.number().int().nullable(),
  phone: z.string().nullable(),
  affiliation: z.enum(AFFILIATIONS),
  position: z.string(),
  digitalSkills: z.string(),
  role: z.enum(TEAM_ROLES),
  joinedOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  otherActiveTeams: z.array(z.object({ teamId: z.string(), teamName: z.string() })),
});
export type MemberDto = z.infer<typeof memberSchema>;

export const compositionIssueSchema = z.object({
  code: z.enum(['too_small', 'too_large', 'missing_affiliation', 'no_leader', 'several_leaders']),
  affiliation: z.enum(AFFILIATIONS).optional(),
  message: z.string(),
});
export type CompositionIssue = z.infer<typeof compositionIssueSchema>;

export const compositionSchema = z.object({
  isComplete: z.boolean(),
  size: z.number().int(),
  issues: z.array(compositionIssueSchema),
});
export type Composition = z.infer<typeof compositionSchema>;

/** Checks a team's current members against the programme's composition rules (guides, never blocks). */
export function checkComposition(
  members: readonly { affiliation: Affiliation; role: TeamRole }[],
  settings: Pick<ProgrammeSettings, 'teamSizeMin' | 'teamSizeMax' | 'requiredAffiliations'>,
): Composition {
  const issues: CompositionIssue[] = [];
  const size = members.length;
  if (size < settings.teamSizeMin) {
    issues.push({
      code: 'too_small',
      message: `Tổ có ${size} người, cần ít nhất ${settings.teamSizeMin}`,
    });
  }
  if (size > settings.teamSizeMax) {
    issues.push({
      code: 'too_large',
      message: `Tổ có ${size} người, nhiều nhất ${settings.teamSizeMax}`,
    });
  }
  for (const a of settings.requiredAffiliations) {
    if (!members.some((m) => m.affiliation === a)) {
      issues.push({
        code: 'missing_affiliation',
        affiliation: a,
        message: `Thiếu thành viên thuộc ${AFFILIATION_LABELS[a]}`,
      });
    }
  }
  const leaders = members.filter((m) => m.role === 'leader').length;
  if (leaders === 0) issues.push({ code: 'no_leader', message: 'Chưa có Tổ trưởng' });
  if (leaders > 1)
    issues.push({ code: 'several_leaders', message: `Có ${leaders} Tổ trưởng, chỉ được một` });
  return { isComplete: issues.length === 0, size, issues };
}

export const DECISION_SYMBOL = 'QĐ-UBND';

/** "05/QĐ-UBND": numbers under 10 take a leading zero (Decree 30/2020, Art. 15). */
export function formatDecisionNumber(n: number, symbol = DECISION_SYMBOL): string {
  return `${String(n).padStart(2, '0')}/${symbol}`;
}

/** The next number of a commune's yearly sequence, given the numbers already used that year. */
export function suggestDecisionNumber(used: readonly number[]): number {
  return used.length === 0 ? 1 : Math.max(...used) + 1;
}

/** "Yên Đổ, ngày 05 tháng 5 năm 2022": day < 10 and months 1–2 take a leading zero. */
export function formatPlaceDate(place: string, date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const month = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return `${place}, ngày ${String(d).padStart(2, '0')} tháng ${month} năm ${y}`;
}

/** The place name of a unit for a document's date line: "Xã Yên Đổ" → "Yên Đổ". */
export function placeName(unitName: string): string {
  return unitName.replace(/^(Xã|Phường|Thị trấn|Đặc khu|Huyện|Quận|Thị xã|Thành phố|Tỉnh)\s+/u, '');
}

export const SIGN_AUTHORITIES = ['chairman', 'vice_chairman'] as const;
export type SignAuthority = (typeof SIGN_AUTHORITIES)[number];

export const listTeamsQuery = z.object({
  unitId: z.uuid().optional(),
  status: z.enum(TEAM_STATUSES).optional(),
  q: z.string().max(100).optional(),
  ...pageQuery,
});

export const decisionSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  decidedOn: z.string(),
  status: z.enum(['draft', 'issued']),
  hasScan: z.boolean(),
});

export const teamSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  hamletId: z.string(),
  hamletName: z.string(),
  communeId: z.string().nullable(),
  communeName: z.string().nullable(),
  status: z.enum(TEAM_STATUSES),
  establishedOn: z.string().nullable(),
  dissolvedOn: z.string().nullable(),
  memberCount: z.number().int(),
  composition: compositionSchema,
  decision: decisionSummarySchema.nullable(),
  isDemo: z.boolean(),
});
export type TeamSummaryDto = z.infer<typeof teamSummarySchema>;

export const teamDetailSchema = teamSummarySchema.extend({
  compositionReason: z.string().nullable(),
  members: z.array(memberSchema),
  formerMembers: z.array(memberSchema),
  settings: z.object({
    teamSizeMin: z.number().int(),
    teamSizeMax: z.number().int(),
    requiredAffiliations: z.array(z.enum(AFFILIATIONS)),
    establishmentDeadline: z.string(),
  }),
});
export type TeamDetailDto = z.infer<typeof teamDetailSchema>;

export const createTeamBody = z.object({
  hamletId: z.uuid(),
  name: z.string().trim().min(3, 'Nhập tên Tổ').max(200).optional(),
});

export const updateTeamBody = z.object({
  name: z.string().trim().min(3, 'Nhập tên Tổ').max(200),
});

export const leaveBody = z.object({ leftOn: isoDate });

export const dissolveBody = z.object({
  dissolvedOn: isoDate,
  reason: z.string().trim().min(3, 'Nêu lý do giải thể').max(1000),
});

export const decisionBody = z.object({
  number: z.number().int().min(1, 'Số quyết định từ 1').max(9999),
  decidedOn: isoDate,
  signerName: z.string().trim().min(2, 'Nhập họ tên người ký').max(120),
  signAuthority: z.enum(SIGN_AUTHORITIES),
  legalGrounds: z
    .array(z.string().trim().min(3).max(1000))
    .min(1, 'Cần ít nhất một căn cứ')
    .max(20),
  proposer: z.string().trim().min(3).max(500),
  duties: z.array(z.string().trim().min(3).max(2000)).min(1, 'Cần ít nhất một nhiệm vụ').max(20),
  recipients: z.array(z.string().trim().min(2).max(300)).max(20),
});
export type DecisionBody = z.infer<typeof decisionBody>;

export const decisionSchema = decisionBody.extend({
  id: z.string(),
  teamId: z.string(),
  communeId: z.string(),
  year: z.number().int(),
  formattedNumber: z.string(),
  status: z.enum(['draft', 'issued']),
  hasScan: z.boolean(),
  scanMime: z.string().nullable(),
  issuedAt: z.string().nullable(),
});
export type DecisionDto = z.infer<typeof decisionSchema>;

/** What the decision form starts from: the saved decision, or a proposal prefilled from the settings. */
export const decisionFormSchema = z.object({
  decision: decisionSchema.nullable(),
  proposal: z.object({
    number: z.number().int(),
    decidedOn: z.string(),
    signerName: z.string(),
    signAuthority: z.enum(SIGN_AUTHORITIES),
    legalGrounds: z.array(z.string()),
    proposer: z.string(),
    duties: z.array(z.string()),
    recipients: z.array(z.string()),
  }),
});
export type DecisionFormDto = z.infer<typeof decisionFormSchema>;

export const issueDecisionBody = z.object({
  compositionReason: z.string().trim().min(5, 'Nêu lý do (ít nhất 5 ký tự)').max(1000).optional(),
});

/** The team's default name: "Tổ công nghệ số cộng đồng xóm Làng Mới". */
export function defaultTeamName(hamletName: string): string {
  const lowered = hamletName.replace(/^(Xóm|Thôn|Bản|Tổ dân phố|Ấp|Khu phố)(?=\s|$)/u, (k) =>
    k.toLocaleLowerCase('vi'),
  );
  return `Tổ công nghệ số cộng đồng ${lowered}`;
}

export const HAMLET_COVERAGE = ['established', 'awaiting', 'none'] as const;

export const coverageHamletSchema = z.object({
  hamletId: z.string(),
  hamletName: z.string(),
  state: z.enum(HAMLET_COVERAGE),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  establishedOn: z.string().nullable(),
  isLate: z.boolean(),
  compositionComplete: z.boolean().nullable(),
  decisionStatus: z.enum(['draft', 'issued']).nullable(),
});

export const coverageCommuneSchema = z.object({
  communeId: z.string(),
  communeName: z.string(),
  code: z.string().nullable(),
  hamlets: z.number().int(),
  established: z.number().int(),
  establishedLate: z.number().int(),
  awaiting: z.number().int(),
  none: z.number().int(),
  failingComposition: z.number().int(),
  isLate: z.boolean(),
  hamletRows: z.array(coverageHamletSchema),
});

export const coverageSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  deadline: z.string(),
  today: z.string(),
  daysLeft: z.number().int(),
  totals: coverageCommuneSchema.omit({
    communeId: true,
    communeName: true,
    code: true,
    hamletRows: true,
  }),
  communes: z.array(coverageCommuneSchema),
});
export type CoverageDto = z.infer<typeof coverageSchema>;

/** Whole days from `from` to `to` (YYYY-MM-DD); negative when `to` is before `from`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
