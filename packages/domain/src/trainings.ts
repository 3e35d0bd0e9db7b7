import { z } from 'zod';
import { isoDate, pageBody, pageQuery } from './units';

// ---------------------------------------------------------------- vocabularies

export const ORGANISER_KINDS = ['district', 'province', 'partner', 'commune'] as const;
export type OrganiserKind = (typeof ORGANISER_KINDS)[number];
export const ORGANISER_LABELS: Record<OrganiserKind, string> = {
  district: 'UBND huyện',
  province: 'Sở Khoa học và Công nghệ',
  partner: 'Doanh nghiệp',
  commune: 'UBND xã',
};

export const TRAINING_MODES = ['in_person', 'online'] as const;
export type TrainingMode = (typeof TRAINING_MODES)[number];

/** Policy topics taught besides the platforms of the catalogue. */
export const POLICY_TOPICS = [
  'digital_transformation',
  'plan_174',
  'personal_data',
  'online_safety',
  'team_duties',
] as const;
export type PolicyTopic = (typeof POLICY_TOPICS)[number];
export const POLICY_TOPIC_LABELS: Record<PolicyTopic, string> = {
  digital_transformation: 'Chủ trương chuyển đổi số',
  plan_174: 'Kế hoạch 174/KH-UBND',
  personal_data: 'Bảo vệ dữ liệu cá nhân',
  online_safety: 'An toàn trên không gian mạng',
  team_duties: 'Nhiệm vụ của Tổ công nghệ số cộng đồng',
};

/** A topic key: `platform:<platform id>` or `policy:<policy topic>`. */
export const topicKey = z
  .string()
  .regex(
    new RegExp(`^(platform:[0-9a-f-]{36}|policy:(${POLICY_TOPICS.join('|')}))$`),
    'Chủ đề không hợp lệ',
  );
export function platformTopic(platformId: string): string {
  return `platform:${platformId}`;
}

export const NATIONAL_COURSES = ['onetouch', 'binh_dan_hoc_vu_so'] as const;
export type NationalCourse = (typeof NATIONAL_COURSES)[number];
export const NATIONAL_COURSE_LABELS: Record<NationalCourse, string> = {
  onetouch: 'OneTouch — Kỹ năng số cho Tổ công nghệ số cộng đồng',
  binh_dan_hoc_vu_so: 'Bình dân học vụ số',
};

// ---------------------------------------------------------------- schemas

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ phải có dạng HH:MM');

export const trainingBody = z
  .object({
    title: z.string().trim().min(3, 'Nhập tên buổi tập huấn').max(200),
    unitId: z.uuid(),
    organiserKind: z.enum(ORGANISER_KINDS),
    partnerId: z.uuid().nullable().default(null),
    topics: z.array(topicKey).min(1, 'Chọn ít nhất một chủ đề').max(20),
    mode: z.enum(TRAINING_MODES),
    place: z.string().trim().max(300).default(''),
    link: z.url('Đường dẫn không hợp lệ').max(500).nullable().default(null),
    heldOn: isoDate,
    startTime: timeOfDay,
    trainer: z.string().trim().max(200).default(''),
    notes: z.string().trim().max(2000).default(''),
    teamIds: z.array(z.uuid()).max(500).default([]),
    memberIds: z.array(z.uuid()).max(2000).default([]),
  })
  .superRefine((b, ctx) => {
    if (b.mode === 'in_person' && b.place === '')
      ctx.addIssue({ code: 'custom', path: ['place'], message: 'Nhập địa điểm tập huấn' });
    if (b.mode === 'online' && !b.link)
      ctx.addIssue({ code: 'custom', path: ['link'], message: 'Nhập đường dẫn buổi trực tuyến' });
    if (b.organiserKind === 'partner' && !b.partnerId)
      ctx.addIssue({ code: 'custom', path: ['partnerId'], message: 'Chọn doanh nghiệp tổ chức' });
  });
export type TrainingBody = z.infer<typeof trainingBody>;

export const inviteBody = z.object({
  teamIds: z.array(z.uuid()).max(500).default([]),
  memberIds: z.array(z.uuid()).max(2000).default([]),
});

export const attendanceBody = z.object({
  present: z.array(z.uuid()).max(5000).default([]),
  absent: z.array(z.uuid()).max(5000).default([]),
});

/** A page of a list searched by one text (`q`, compared without accents). */
export const searchPageQuery = z.object({
  q: z.string().max(100).optional(),
  ...pageQuery,
});
export type SearchPageQuery = z.infer<typeof searchPageQuery>;

export const listTrainingsQuery = z.object({
  q: z.string().max(100).optional(),
  unitId: z.uuid().optional(),
  partnerId: z.uuid().optional(),
  ...pageQuery,
});

export const trainingSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  organiserKind: z.enum(ORGANISER_KINDS),
  partnerId: z.string().nullable(),
  partnerName: z.string().nullable(),
  topics: z.array(z.object({ key: z.string(), label: z.string() })),
  mode: z.enum(TRAINING_MODES),
  place: z.string(),
  link: z.string().nullable(),
  heldOn: z.string(),
  startTime: z.string(),
  trainer: z.string(),
  /** Invitations and attendance visible to the reader (their scope). */
  invited: z.number().int(),
  present: z.number().int(),
  canEdit: z.boolean(),
});
export type TrainingSummaryDto = z.infer<typeof trainingSummarySchema>;

export const invitationSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  fullName: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  hamletName: z.string(),
  communeName: z.string(),
  present: z.boolean(),
});
export type InvitationDto = z.infer<typeof invitationSchema>;

export const trainingDetailSchema = trainingSummarySchema.extend({
  notes: z.string(),
});
export type TrainingDetailDto = z.infer<typeof trainingDetailSchema>;

/** A page of a training's invitations (`GET /api/trainings/:id/invitations`); `q` searches the
 *  member's, the hamlet's and the commune's names without accents. */
/** GET /api/trainings/:id/invitations: a page, without search text. */
export const listInvitationsQuery = z.object({ ...pageQuery });
/** POST /api/trainings/:id/invitations/search: by member name, hamlet or commune. A member's name
 * is personal data: in a body, never in a URL. */
export const searchInvitationsBody = z.object({ q: z.string().max(100).optional(), ...pageBody });

export const coverageQuery = z.object({ unitId: z.uuid().optional(), topic: topicKey });

export const coverageRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  active: z.number().int(),
  trained: z.number().int(),
  share: z.number().nullable(),
});
export const trainingCoverageSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  topic: z.string(),
  total: coverageRowSchema,
  communes: z.array(coverageRowSchema),
  teams: z.array(coverageRowSchema.extend({ communeName: z.string() })),
});
export type TrainingCoverageDto = z.infer<typeof trainingCoverageSchema>;

export const untrainedQuery = z.object({
  unitId: z.uuid().optional(),
  topic: topicKey,
  ...pageQuery,
});
export const memberRefSchema = z.object({
  memberId: z.string(),
  fullName: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  hamletName: z.string(),
  communeName: z.string(),
});

export const courseBody = z.object({
  course: z.enum(NATIONAL_COURSES),
  completedOn: isoDate,
});
export const courseSchema = z.object({
  id: z.string(),
  course: z.enum(NATIONAL_COURSES),
  completedOn: z.string(),
  hasCertificate: z.boolean(),
});
export const memberHistorySchema = z.object({
  member: memberRefSchema.extend({ leftOn: z.string().nullable() }),
  trainings: z.array(
    z.object({
      trainingId: z.string(),
      title: z.string(),
      heldOn: z.string(),
      topics: z.array(z.object({ key: z.string(), label: z.string() })),
      present: z.boolean(),
    }),
  ),
  courses: z.array(courseSchema),
});
export type MemberHistoryDto = z.infer<typeof memberHistorySchema>;

export const attendanceImportResultSchema = z.object({
  rows: z.number().int(),
  present: z.number().int(),
  absent: z.number().int(),
});

// ---------------------------------------------------------------- pure rules

export interface CoverageMember {
  id: string;
  /** The group the member is counted in (a team, a commune…). */
  group: string;
  /** Left the team (or the team is dissolved): not counted. */
  left: boolean;
}

export interface CoverageFigure {
  active: number;
  trained: number;
  /** trained / active, or null when the group has no active member. */
  share: number | null;
}

export function share(trained: number, active: number): number | null {
  return active === 0 ? null : trained / active;
}

/**
 * Share of active members trained, per group. `trainedIds` are the members marked present at
 * any training on the topic (a member present twice counts once); members who left are not
 * counted at all; groups listed in `groups` without any member come out as 0/0, share null.
 */
export function coverageByGroup(
  members: CoverageMember[],
  trainedIds: Iterable<string>,
  groups: string[] = [],
): Map<string, CoverageFigure> {
  const trained = new Set(trainedIds);
  const out = new Map<string, CoverageFigure>();
  for (const g of groups) out.set(g, { active: 0, trained: 0, share: null });
  const seen = new Set<string>();
  for (const m of members) {
    if (m.left) continue;
    const key = `${m.group}\u0000${m.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const f = out.get(m.group) ?? { active: 0, trained: 0, share: null };
    f.active += 1;
    if (trained.has(m.id)) f.trained += 1;
    out.set(m.group, f);
  }
  for (const f of out.values()) f.share = share(f.trained, f.active);
  return out;
}

/** Invitations and attendance of one training. */
export function attendanceSummary(invitations: { present: boolean }[]): {
  invited: number;
  present: number;
  rate: number | null;
} {
  const present = invitations.filter((i) => i.present).length;
  return { invited: invitations.length, present, rate: share(present, invitations.length) };
}

/** Reads the "present" cell of an attendance sheet: x, có, 1 → true; empty, không, 0 → false. */
export function parsePresentCell(value: string): boolean | null {
  const v = value.trim().toLowerCase().normalize('NFC');
  if (['x', 'có', 'co', '1', 'có mặt', 'yes', 'v', '✓'].includes(v)) return true;
  if (['', 'không', 'khong', '0', 'vắng', 'vang', 'no'].includes(v)) return false;
  return null;
}

export interface MatchCandidate {
  id: string;
  nameFolded: string;
  hamletFolded: string;
  phone: string | null;
}

/**
 * Finds the invited member an attendance row names: by phone when the row gives one, otherwise
 * by name and hamlet (both folded). Returns the match, or why there is none.
 */
export function matchAttendee(
  candidates: MatchCandidate[],
  row: { nameFolded: string; hamletFolded: string; phone: string | null },
): { id: string } | { error: 'not_found' | 'ambiguous' } {
  if (row.phone) {
    const byPhone = candidates.filter((c) => c.phone === row.phone);
    if (byPhone.length === 1) return { id: byPhone[0].id };
    if (byPhone.length > 1) return { error: 'ambiguous' };
  }
  const byName = candidates.filter(
    (c) =>
      c.nameFolded === row.nameFolded &&
      (row.hamletFolded === '' || c.hamletFolded.endsWith(row.hamletFolded)),
  );
  if (byName.length === 1) return { id: byName[0].id };
  return { error: byName.length > 1 ? 'ambiguous' : 'not_found' };
}

// ---------------------------------------------------------------- partners

export const PARTNER_KINDS = ['telecom', 'post', 'bank', 'it', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const CONTRIBUTION_KINDS = ['materials', 'staff_days', 'support_points'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

export const partnerContactInput = z.object({
  fullName: z.string().trim().min(1, 'Nhập họ tên').max(120),
  role: z.string().trim().max(120).default(''),
  phone: z.string().trim().max(20).default(''),
});

export const partnerBody = z.object({
  name: z.string().trim().min(2, 'Nhập tên doanh nghiệp').max(200),
  kind: z.enum(PARTNER_KINDS),
  unitId: z.uuid(),
  communeIds: z.array(z.uuid()).max(200).default([]),
  contacts: z.array(partnerContactInput).max(20).default([]),
  notes: z.string().trim().max(2000).default(''),
});
export type PartnerBody = z.infer<typeof partnerBody>;

export const contributionBody = z.object({
  communeId: z.uuid(),
  kind: z.enum(CONTRIBUTION_KINDS),
  quantity: z.number().int().min(1, 'Số lượng phải từ 1').max(100000),
  description: z.string().trim().max(1000).default(''),
  contributedOn: isoDate,
});

export const partnerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(PARTNER_KINDS),
  unitId: z.string(),
  unitName: z.string(),
  communeCount: z.number().int(),
  trainings: z.number().int(),
  canEdit: z.boolean(),
});

/** One contribution, as listed page by page (`GET /api/partners/:id/contributions`). */
export const contributionSchema = contributionBody.extend({
  id: z.string(),
  communeName: z.string(),
  quantity: z.number(),
});
export type ContributionDto = z.infer<typeof contributionSchema>;

export const listContributionsQuery = searchPageQuery;

export const communeContributionSchema = z.object({
  communeId: z.string(),
  communeName: z.string(),
  trainings: z.number().int(),
  attendees: z.number().int(),
  materials: z.number().int(),
  staffDays: z.number().int(),
  supportPoints: z.number().int(),
});
export type CommuneContribution = z.infer<typeof communeContributionSchema>;

export const partnerDetailSchema = partnerSummarySchema.extend({
  notes: z.string(),
  /** Staff contacts: given to officers only (null for a partner's own users). */
  contacts: z.array(partnerContactInput).nullable(),
  communes: z.array(z.object({ id: z.string(), name: z.string() })),
  byCommune: z.array(communeContributionSchema),
});
export type PartnerDetailDto = z.infer<typeof partnerDetailSchema>;

/** One training the partner organised, with those present in the reader's scope
 *  (`GET /api/partners/:id/trainings`, page by page, newest first). */
export const partnerTrainingSchema = z.object({
  id: z.string(),
  title: z.string(),
  heldOn: z.string(),
  present: z.number().int(),
});
export type PartnerTrainingDto = z.infer<typeof partnerTrainingSchema>;

export const listPartnerTrainingsQuery = searchPageQuery;

/** Sums contributions and trainings per commune (communes without any come out as zeros). */
export function sumContributions(
  communes: { id: string; name: string }[],
  contributions: { communeId: string; kind: ContributionKind; quantity: number }[],
  trainings: { communeId: string; trainingId: string; present: number }[],
): CommuneContribution[] {
  const rows = new Map<string, CommuneContribution>();
  const trainingSets = new Map<string, Set<string>>();
  const row = (id: string, name = '') => {
    let r = rows.get(id);
    if (!r) {
      r = {
        communeId: id,
        communeName: name,
        trainings: 0,
        attendees: 0,
        materials: 0,
        staffDays: 0,
        supportPoints: 0,
      };
      rows.set(id, r);
    }
    return r;
  };
  for (const c of communes) row(c.id, c.name);
  for (const c of contributions) {
    const r = row(c.communeId);
    if (c.kind === 'materials') r.materials += c.quantity;
    else if (c.kind === 'staff_days') r.staffDays += c.quantity;
    else r.supportPoints += c.quantity;
  }
  for (const t of trainings) {
    const r = row(t.communeId);
    const set = trainingSets.get(t.communeId) ?? new Set<string>();
    set.add(t.trainingId);
    trainingSets.set(t.communeId, set);
    r.trainings = set.size;
    r.attendees += t.present;
  }
  return [...rows.values()];
}
