import { foldText } from '@toso/domain/text';
import { POLICY_TOPICS, type ContributionKind } from '@toso/domain/trainings';
import type { Tx } from '../../db/db';
import type {
  MemberCoursesTable,
  PartnerContributionsTable,
  TrainingInvitationsTable,
  TrainingsTable,
} from '../../db/schema';
import { newId } from '../../lib/ids';
import type { UnitRow } from '../units/units.repository';
import { mobileNumber, personName, pick, type Random } from './demo-people';

const PARTNERS = [
  {
    key: 'vnpt',
    name: 'VNPT Thái Nguyên',
    kind: 'telecom',
    share: 1,
    contacts: [
      { role: 'Giám đốc Trung tâm Kinh doanh Phú Lương', sex: 'male' as const },
      { role: 'Nhân viên kỹ thuật', sex: 'female' as const },
    ],
  },
  {
    key: 'viettel',
    name: 'Viettel Thái Nguyên',
    kind: 'telecom',
    share: 0.6,
    contacts: [{ role: 'Trưởng cửa hàng Phú Lương', sex: 'male' as const }],
  },
  {
    key: 'vnpost',
    name: 'Bưu điện tỉnh Thái Nguyên (VNPost)',
    kind: 'post',
    share: 0.5,
    contacts: [{ role: 'Giám đốc Bưu điện huyện Phú Lương', sex: 'female' as const }],
  },
  {
    key: 'agribank',
    name: 'Agribank chi nhánh Phú Lương',
    kind: 'bank',
    share: 0.3,
    contacts: [{ role: 'Phó Giám đốc', sex: 'male' as const }],
  },
] as const;

// Topics each organiser teaches; two policy topics (personal data, team duties) are left untaught
// so that a first training on them shows in the coverage.
const TOPIC_CODES: Record<string, string[]> = {
  district: ['dvc-quoc-gia', 'ky-nang-dvc', 'vneid'],
  province: ['dvc-tinh', 'thai-nguyen-id', 'c-thai-nguyen'],
  vnpt: ['so-suc-khoe', 'ky-nang-an-toan', 'vneid'],
  viettel: ['thanh-toan', 'ky-nang-thanh-toan'],
  vnpost: ['postmart', 'voso', 'ky-nang-mua-sam'],
};
const DEMO_POLICIES = POLICY_TOPICS.filter((p) => p !== 'personal_data' && p !== 'team_duties');

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A year of trainings (June 2022 – May 2023) by the district, the provincial department, VNPT,
 * Viettel and VNPost, with attendance uneven across communes; the partner enterprises with their
 * contacts, communes and contributions; and the national online courses members completed.
 */
export async function seedDemoTrainings(
  tx: Tx,
  random: Random,
  province: UnitRow,
  district: UnitRow,
  communes: { commune: UnitRow; hamlets: UnitRow[] }[],
  now: string,
): Promise<{ trainings: number; invitations: number; partners: number }> {
  const platforms = new Map(
    (await tx.selectFrom('platforms').select(['id', 'code']).execute()).map((p) => [p.code, p.id]),
  );
  const members = await tx
    .selectFrom('team_members as m')
    .innerJoin('teams', 'teams.id', 'm.team_id')
    .select(['m.id', 'm.team_id', 'm.joined_on', 'm.left_on', 'teams.unit_path'])
    .where('teams.status', '!=', 'dissolved')
    .execute();
  const communeOf = (path: string) => path.split('/').filter(Boolean).at(-2) ?? '';
  // How keen each commune's members are to attend (uneven across communes).
  const keenness = new Map(communes.map((c) => [c.commune.id, 0.25 + random() * 0.7]));

  // Partners, their contacts and communes.
  const partnerIds = new Map<string, string>();
  const partnerCommunes = new Map<string, UnitRow[]>();
  for (const p of PARTNERS) {
    const id = newId();
    partnerIds.set(p.key, id);
    await tx
      .insertInto('partners')
      .values({
        id,
        unit_id: district.id,
        unit_path: district.path,
        name: p.name,
        name_folded: foldText(p.name),
        kind: p.kind,
        notes: '',
        is_demo: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await tx
      .insertInto('partner_contacts')
      .values(
        p.contacts.map((c, i) => ({
          id: newId(),
          partner_id: id,
          full_name: personName(random, c.sex),
          role: c.role,
          phone: mobileNumber(random),
          sort: i,
        })),
      )
      .execute();
    const supported = communes
      .map((c) => c.commune)
      .filter((_, i) => p.share === 1 || i === 0 || random() < p.share);
    partnerCommunes.set(p.key, supported);
    await tx
      .insertInto('partner_communes')
      .values(supported.map((c) => ({ partner_id: id, commune_id: c.id })))
      .execute();
  }
  const vnptUser = await tx
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'vnpt')
    .executeTakeFirst();
  if (vnptUser)
    await tx
      .insertInto('partner_users')
      .values({ user_id: vnptUser.id, partner_id: partnerIds.get('vnpt') as string })
      .execute();

  // Trainings.
  const plan: { organiser: string; count: number }[] = [
    { organiser: 'district', count: 8 },
    { organiser: 'province', count: 3 },
    { organiser: 'vnpt', count: 5 },
    { organiser: 'viettel', count: 4 },
    { organiser: 'vnpost', count: 3 },
  ];
  const trainings: TrainingsTable[] = [];
  const topics: { training_id: string; topic: string }[] = [];
  const invitations: TrainingInvitationsTable[] = [];
  for (const { organiser, count } of plan) {
    for (let n = 0; n < count; n += 1) {
      const heldOn = addDays('2022-06-01', Math.floor(random() * 360));
      const isPartner = organiser in TOPIC_CODES && partnerIds.has(organiser);
      const codes = [pick(random, TOPIC_CODES[organiser])];
      if (random() < 0.4) codes.push(pick(random, TOPIC_CODES[organiser]));
      const keys = [...new Set(codes)]
        .map((c) => platforms.get(c))
        .filter((x): x is string => Boolean(x))
        .map((id) => `platform:${id}`);
      if (!isPartner && random() < 0.5) keys.push(`policy:${pick(random, DEMO_POLICIES)}`);
      const online = organiser === 'province' || random() < 0.25;
      const id = newId();
      const partnerName = PARTNERS.find((p) => p.key === organiser)?.name;
      const unit = organiser === 'province' ? province : district;
      const title = `Tập huấn ${online ? 'trực tuyến ' : ''}đợt ${n + 1}${partnerName ? ` — ${partnerName}` : ''}`;
      trainings.push({
        id,
        unit_id: unit.id,
        unit_path: unit.path,
        title,
        title_folded: foldText(title),
        organiser_kind: isPartner ? 'partner' : organiser,
        partner_id: isPartner ? (partnerIds.get(organiser) ?? null) : null,
        mode: online ? 'online' : 'in_person',
        place: online
          ? ''
          : pick(random, ['Hội trường UBND huyện', 'Nhà văn hoá xã', 'Trung tâm Chính trị huyện']),
        link: online ? `https://hop.thainguyen.gov.vn/tap-huan-${n + 1}` : null,
        held_on: heldOn,
        start_time: pick(random, ['08:00', '08:30', '14:00']),
        trainer: personName(random, random() < 0.5 ? 'male' : 'female'),
        notes: '',
        is_demo: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      });
      for (const topic of [...new Set(keys)]) topics.push({ training_id: id, topic });
      // Invite the teams of a few communes (a partner: only communes it supports).
      const pool = isPartner
        ? (partnerCommunes.get(organiser) ?? [])
        : communes.map((c) => c.commune);
      const chosen = new Set(
        pool.filter(() => random() < (organiser === 'province' ? 0.8 : 0.4)).map((c) => c.id),
      );
      for (const m of members) {
        const communeId = communeOf(m.unit_path);
        if (!chosen.has(communeId)) continue;
        if (m.joined_on && m.joined_on > heldOn) continue;
        if (m.left_on && m.left_on <= heldOn) continue;
        invitations.push({
          id: newId(),
          training_id: id,
          member_id: m.id,
          team_id: m.team_id,
          unit_path: m.unit_path,
          present: random() < (keenness.get(communeId) ?? 0.5) ? 1 : 0,
          marked_at: now,
          marked_by: null,
        });
      }
    }
  }
  for (let i = 0; i < trainings.length; i += 100)
    await tx
      .insertInto('trainings')
      .values(trainings.slice(i, i + 100))
      .execute();
  for (let i = 0; i < topics.length; i += 500)
    await tx
      .insertInto('training_topics')
      .values(topics.slice(i, i + 500))
      .execute();
  for (let i = 0; i < invitations.length; i += 500)
    await tx
      .insertInto('training_invitations')
      .values(invitations.slice(i, i + 500))
      .execute();

  // Contributions of the partners, per commune.
  const contributions: PartnerContributionsTable[] = [];
  const KINDS: { kind: ContributionKind; text: string; max: number }[] = [
    { kind: 'materials', text: 'Tờ rơi, cẩm nang hướng dẫn cài đặt và sử dụng', max: 300 },
    { kind: 'staff_days', text: 'Nhân viên hỗ trợ người dân tại nhà văn hoá xóm', max: 6 },
    { kind: 'support_points', text: 'Điểm hỗ trợ tại điểm giao dịch', max: 1 },
  ];
  for (const p of PARTNERS) {
    for (const c of partnerCommunes.get(p.key) ?? []) {
      for (const k of KINDS) {
        if (random() < 0.35) continue;
        contributions.push({
          id: newId(),
          partner_id: partnerIds.get(p.key) as string,
          commune_id: c.id,
          unit_path: c.path,
          kind: k.kind,
          quantity: 1 + Math.floor(random() * k.max),
          description: k.text,
          description_folded: foldText(k.text),
          contributed_on: addDays('2022-06-15', Math.floor(random() * 330)),
          created_by: null,
          created_at: now,
        });
      }
    }
  }
  for (let i = 0; i < contributions.length; i += 500)
    await tx
      .insertInto('partner_contributions')
      .values(contributions.slice(i, i + 500))
      .execute();

  // National online courses.
  const courses: MemberCoursesTable[] = [];
  for (const m of members) {
    if (m.left_on) continue;
    const keen = keenness.get(communeOf(m.unit_path)) ?? 0.5;
    if (random() < keen * 0.6)
      courses.push(course(m, 'onetouch', addDays('2022-07-01', Math.floor(random() * 300)), now));
    if (random() < keen * 0.3)
      courses.push(
        course(m, 'binh_dan_hoc_vu_so', addDays('2025-04-01', Math.floor(random() * 200)), now),
      );
  }
  for (let i = 0; i < courses.length; i += 500)
    await tx
      .insertInto('member_courses')
      .values(courses.slice(i, i + 500))
      .execute();

  return {
    trainings: trainings.length,
    invitations: invitations.length,
    partners: PARTNERS.length,
  };
}

function course(
  m: { id: string; unit_path: string },
  name: string,
  completedOn: string,
  now: string,
): MemberCoursesTable {
  return {
    id: newId(),
    member_id: m.id,
    unit_path: m.unit_path,
    course: name,
    completed_on: completedOn,
    certificate_file_id: null,
    created_by: null,
    created_at: now,
  };
}
