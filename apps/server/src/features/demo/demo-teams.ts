import { foldText } from '@toso/domain/text';
import {
  DEFAULT_SETTINGS,
  defaultTeamName,
  type Affiliation,
  type TeamRole,
} from '@toso/domain/teams';
import { createHash } from 'node:crypto';
import type { Tx } from '../../db/db';
import type { UnitRow } from '../units/units.repository';
import { newId } from '../../lib/ids';
import { insertChatGroup, insertCount } from '../chat-groups/chat-groups.repository';
import { insertDecision } from '../decisions/decisions.repository';
import { insertFile } from '../files/files.repository';
import { upsertSettings } from '../settings/settings.repository';
import { insertMembers, insertTeam, type MemberRow } from '../teams/teams.repository';
import { mobileNumber, personName, pick, type Random } from './demo-people';

// A one-page PDF standing in for a signed scan in the demo.
const DEMO_SCAN = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 298 420]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

const CORE: {
  affiliation: Affiliation;
  role: TeamRole;
  position: string;
  sex?: 'male' | 'female';
}[] = [
  { affiliation: 'hamlet_head', role: 'leader', position: 'Trưởng xóm' },
  { affiliation: 'youth_union', role: 'deputy', position: 'Bí thư Chi đoàn' },
  { affiliation: 'women_union', role: 'member', position: 'Chi hội trưởng Phụ nữ', sex: 'female' },
];
const EXTRA: Affiliation[] = [
  'volunteer',
  'police',
  'farmers_union',
  'veterans_union',
  'teacher',
  'volunteer',
];
const SKILLS = [
  'Thành thạo điện thoại thông minh',
  'Sử dụng dịch vụ công trực tuyến',
  'Thanh toán điện tử',
  'Bán hàng trên sàn thương mại điện tử',
  '',
];

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface DemoTeamOptions {
  hamlet: UnitRow;
  commune: UnitRow;
  state: 'established' | 'awaiting';
  decisionNumber: number;
  establishedOn: string;
  size: number;
  dropWomen: boolean;
  people?: { fullName: string; role: TeamRole; affiliation: Affiliation; sex: 'male' | 'female' }[];
}

async function seedTeam(tx: Tx, random: Random, o: DemoTeamOptions, now: string) {
  const id = newId();
  const name = defaultTeamName(o.hamlet.name);
  const incomplete = o.size < DEFAULT_SETTINGS.teamSizeMin || o.dropWomen;
  await insertTeam(tx, {
    id,
    hamlet_id: o.hamlet.id,
    unit_path: o.hamlet.path,
    name,
    name_folded: foldText(name),
    status: o.state === 'established' ? 'established' : 'proposed',
    proposed_on: addDays(o.establishedOn, -10),
    established_on: o.state === 'established' ? o.establishedOn : null,
    dissolved_on: null,
    composition_reason:
      o.state === 'established' && incomplete ? 'Xóm ít hộ, đang vận động thêm thành viên' : null,
    is_demo: 1,
    created_at: now,
    updated_at: now,
  });
  const roles = [...CORE.filter((c) => !(o.dropWomen && c.affiliation === 'women_union'))];
  while (roles.length < o.size)
    roles.push({ affiliation: pick(random, EXTRA), role: 'member', position: '' });
  const members: MemberRow[] = roles.slice(0, o.size).map((r, i) => {
    const given = o.people?.[i];
    const sex = given?.sex ?? r.sex ?? (random() < 0.5 ? 'male' : 'female');
    const fullName = given?.fullName ?? personName(random, sex);
    return {
      id: newId(),
      team_id: id,
      full_name: fullName,
      full_name_folded: foldText(fullName),
      sex,
      birth_year: 1965 + Math.floor(random() * 40),
      phone: mobileNumber(random),
      affiliation: given?.affiliation ?? r.affiliation,
      position: r.position,
      digital_skills: pick(random, SKILLS),
      role: given?.role ?? r.role,
      joined_on: addDays(o.establishedOn, -5),
      left_on: null,
      created_at: now,
      updated_at: now,
    };
  });
  await insertMembers(tx, members);
  let scanId: string | null = null;
  if (o.state === 'established') {
    scanId = newId();
    await insertFile(tx, {
      id: scanId,
      unit_path: o.hamlet.path,
      purpose: 'decision_scan',
      mime: 'application/pdf',
      size: DEMO_SCAN.length,
      sha256: createHash('sha256').update(DEMO_SCAN).digest('hex'),
      original_name: 'quyet-dinh-da-ky.pdf',
      data: DEMO_SCAN,
      created_at: now,
      created_by: null,
    });
  }
  await insertDecision(tx, {
    id: newId(),
    team_id: id,
    commune_id: o.commune.id,
    unit_path: o.hamlet.path,
    year: Number(o.establishedOn.slice(0, 4)),
    number: o.decisionNumber,
    symbol: 'QĐ-UBND',
    decided_on: o.establishedOn,
    signer_name: o.state === 'established' ? personName(random, 'male') : '',
    sign_authority: random() < 0.7 ? 'chairman' : 'vice_chairman',
    legal_grounds: JSON.stringify(DEFAULT_SETTINGS.legalGrounds),
    proposer: 'Theo đề nghị của công chức Văn hóa - Xã hội xã',
    duties: JSON.stringify(DEFAULT_SETTINGS.duties),
    recipients: JSON.stringify(['Như Điều 3', 'UBND huyện Phú Lương (Phòng VH-TT) (b/c)']),
    status: o.state === 'established' ? 'issued' : 'draft',
    scan_file_id: scanId,
    issued_at: o.state === 'established' ? `${o.establishedOn}T03:00:00.000Z` : null,
    created_at: now,
    updated_at: now,
  });
  return members;
}

async function seedChatGroup(tx: Tx, random: Random, unit: UnitRow, name: string, now: string) {
  const id = newId();
  const total = 60 + Math.floor(random() * 190);
  const history = [0.3, 0.55, 0.7 + random() * 0.3].map((f) => Math.round(total * f));
  const dates = ['2022-06-15', '2022-08-15', '2022-11-15'];
  await insertChatGroup(tx, {
    id,
    unit_id: unit.id,
    unit_path: unit.path,
    platform: random() < 0.85 ? 'zalo' : pick(random, ['mocha', 'gapo']),
    name,
    invite_link: `https://zalo.me/g/demo${createHash('sha1').update(unit.id).digest('hex').slice(0, 10)}`,
    admins: personName(random, random() < 0.5 ? 'male' : 'female'),
    households_total: unit.level === 'hamlet' ? total : null,
    households_joined: history[2],
    joined_updated_on: dates[2],
    is_active: 1,
    created_at: now,
    updated_at: now,
  });
  for (const [i, joined] of history.entries()) {
    await insertCount(tx, {
      id: newId(),
      chat_group_id: id,
      recorded_on: dates[i],
      households_joined: joined,
      recorded_by: null,
      created_at: now,
    });
  }
}

/**
 * Teams in most hamlets: most established on time, some late, some awaiting their decision, some
 * undersized or without a women's union member; chat groups for many hamlets and some communes.
 * The first hamlet of `featuredCommuneCode` gets the demo team leader and member as its team;
 * its last three hamlets keep no team, so there is always work to show.
 */
export async function seedDemoTeams(
  tx: Tx,
  random: Random,
  district: UnitRow,
  communes: { commune: UnitRow; hamlets: UnitRow[] }[],
  featured: { communeCode: string; people: DemoTeamOptions['people'] },
  now: string,
): Promise<{ teams: number }> {
  await upsertSettings(tx, {
    unit_id: district.id,
    settings: JSON.stringify(DEFAULT_SETTINGS),
    updated_at: now,
    updated_by: null,
  });
  let teams = 0;
  for (const [ci, { commune, hamlets }] of communes.entries()) {
    const isFeatured = commune.code === featured.communeCode;
    // Every fifth commune did everything on time: the board shows good examples too.
    const perfect = !isFeatured && ci % 5 === 3;
    const coverage = isFeatured ? 0.6 : [0.95, 0.8, 0.6, 1, 0.7][ci % 5];
    let number = 1;
    for (const [hi, hamlet] of hamlets.entries()) {
      if (isFeatured && hi >= hamlets.length - 3) continue;
      const r = random();
      if (!isFeatured && r > coverage) continue;
      const awaiting = !perfect && hi > 0 && random() < 0.15;
      const late = !perfect && random() < (ci % 4 === 0 ? 0.5 : 0.1);
      const establishedOn = late
        ? addDays('2022-06-01', Math.floor(random() * 40))
        : addDays('2022-05-18', Math.floor(random() * 13));
      const undersized = !perfect && random() < 0.1;
      await seedTeam(
        tx,
        random,
        {
          hamlet,
          commune,
          state: awaiting ? 'awaiting' : 'established',
          decisionNumber: number,
          establishedOn,
          size: undersized ? 4 : 5 + Math.floor(random() * 3),
          dropWomen: !perfect && !undersized && random() < 0.08,
          people: isFeatured && hi === 0 ? featured.people : undefined,
        },
        now,
      );
      number += 1;
      teams += 1;
      if (random() < 0.6)
        await seedChatGroup(tx, random, hamlet, `${hamlet.name} cùng chuyển đổi số`, now);
    }
    if (ci % 2 === 0)
      await seedChatGroup(tx, random, commune, `${commune.name} - Tổ công nghệ số cộng đồng`, now);
  }
  return { teams };
}
