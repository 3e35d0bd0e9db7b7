import { KPI_SKILL, type Outcome } from '@toso/domain/platforms';
import { foldText } from '@toso/domain/text';
import type { Db } from '../../db/db';
import type { SupportRecordsTable } from '../../db/schema';
import { newId, nowIso } from '../../lib/ids';
import type { HouseholdRow, ResidentRow } from '../registry/registry.repository';
import { insertHouseholds, insertResidents } from '../registry/registry.repository';
import { ensurePlatformCatalogue } from '../supports/platforms.service';
import { addDeltas } from '../supports/supports.service';
import { insertKeptCounts } from './demo-supports';
import { rebuildCoverageCounts } from '../dashboard/coverage-counts';
import { generateProvinceReports } from './province-reports';
import { rebuildKpiCounts } from '../dashboard/kpi-counts';
import { countUnits, insertUnit, type UnitRow } from '../units/units.repository';
import { insertUser } from '../users/users.repository';
import { hashPassword } from '../users/password';
import { HAMLET_NAMES } from './demo-data';
import { mobileNumber, personName, type Random } from './demo-people';
import { prng, unitRow } from './demo.service';

/**
 * A province-scale dataset for benchmarks and demonstrations (issue 6): by default 9 districts,
 * 180 communes, 2,000 hamlets, about 350,000 households and 1,300,000 residents, a team per hamlet,
 * a chat group per hamlet, and about 5,000,000 support records over a year with their kept counts.
 * Deterministic (seeded), marked as demo data, written in large transactions with a progress
 * callback. It refuses a database that already holds units.
 */
export interface ProvinceScaleOptions {
  districts: number;
  communes: number;
  hamlets: number;
  households: number;
  residents: number;
  supports: number;
  /** The year the support records cover (January–December). */
  year: number;
  password: string;
}

export const PROVINCE_SCALE_DEFAULTS: ProvinceScaleOptions = {
  districts: 9,
  communes: 180,
  hamlets: 2_000,
  households: 350_000,
  residents: 1_300_000,
  supports: 5_000_000,
  year: 2023,
  password: 'toso-bench-2023',
};

export interface ProvinceScaleResult {
  units: number;
  teams: number;
  households: number;
  residents: number;
  supports: number;
  accounts: { username: string; role: string; unit: string }[];
  seconds: number;
}

export type Progress = (phase: string, done: number, total: number) => void;

// The nine districts and cities of Thái Nguyên before 7/2025 (names only; codes are invented so the
// dataset never collides with the official list).
const DISTRICTS = [
  ['Thành phố Thái Nguyên', 'thanh_pho'],
  ['Thành phố Sông Công', 'thanh_pho'],
  ['Thành phố Phổ Yên', 'thanh_pho'],
  ['Huyện Phú Lương', 'huyen'],
  ['Huyện Đồng Hỷ', 'huyen'],
  ['Huyện Võ Nhai', 'huyen'],
  ['Huyện Định Hóa', 'huyen'],
  ['Huyện Đại Từ', 'huyen'],
  ['Huyện Phú Bình', 'huyen'],
] as const;

const COMMUNE_WORDS = [
  'Yên',
  'Phú',
  'Tân',
  'Hòa',
  'Bình',
  'Minh',
  'Quang',
  'Thành',
  'Đồng',
  'Trung',
  'Vô',
  'Hợp',
  'Cổ',
  'Phúc',
  'Kim',
  'Sơn',
  'Lương',
  'Đức',
  'Khánh',
  'Thịnh',
];

function spread(total: number, parts: number, random: Random): number[] {
  // Uneven but adding up exactly: weights 0.6–1.4, largest remainders.
  const w = Array.from({ length: parts }, () => 0.6 + random() * 0.8);
  const sum = w.reduce((a, b) => a + b, 0);
  const exact = w.map((x) => (x / sum) * total);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i] += 1;
    left -= 1;
  }
  return out;
}

/** A unit of the dataset: built like the demo district's, and every level marked as demo data. */
function unit(
  parent: UnitRow | null,
  level: string,
  kind: string,
  name: string,
  code: string | null,
  now: string,
): UnitRow {
  return { ...unitRow(parent, { level, kind, code, name }, now), is_demo: 1 };
}

export async function generateProvince(
  db: Db,
  options: Partial<ProvinceScaleOptions> = {},
  progress: Progress = () => {},
): Promise<ProvinceScaleResult> {
  const o = { ...PROVINCE_SCALE_DEFAULTS, ...options };
  if ((await countUnits(db)) > 0) {
    throw new Error('The database already holds units: generate the province into an empty one');
  }
  const started = Date.now();
  const random = prng(2023);
  const now = nowIso();
  await ensurePlatformCatalogue(db);

  // Units: province → districts → communes → hamlets.
  progress('units', 0, 1);
  const province = unit(
    null,
    'province',
    'tinh',
    'Tỉnh Thái Nguyên (dữ liệu quy mô tỉnh)',
    'P19',
    now,
  );
  const districts: UnitRow[] = [];
  const communes: { commune: UnitRow; district: UnitRow }[] = [];
  const hamlets: { hamlet: UnitRow; commune: UnitRow }[] = [];
  const communesPer = spread(o.communes, o.districts, random);
  const hamletsPer = spread(o.hamlets, o.communes, random);
  await db.transaction().execute(async (tx) => {
    await insertUnit(tx, province);
    for (let d = 0; d < o.districts; d += 1) {
      const [name, kind] = DISTRICTS[d % DISTRICTS.length];
      const district = unit(
        province,
        'district',
        kind,
        d < 9 ? name : `${name} ${d}`,
        `P19-${d + 1}`,
        now,
      );
      await insertUnit(tx, district);
      districts.push(district);
      for (let c = 0; c < communesPer[d]; c += 1) {
        const n = communes.length;
        const name = `Xã ${COMMUNE_WORDS[n % 20]} ${COMMUNE_WORDS[(n * 7 + 3) % 20]} ${Math.floor(n / 20) + 1}`;
        const commune = unit(district, 'commune', 'xa', name, `P19-${d + 1}-${c + 1}`, now);
        await insertUnit(tx, commune);
        communes.push({ commune, district });
        for (let h = 0; h < hamletsPer[n]; h += 1) {
          const hamlet = unit(
            commune,
            'hamlet',
            'xom',
            `Xóm ${HAMLET_NAMES[(h * 13 + n) % HAMLET_NAMES.length]} ${h + 1}`,
            null,
            now,
          );
          await insertUnit(tx, hamlet);
          hamlets.push({ hamlet, commune });
        }
      }
    }
  });
  progress('units', 1, 1);

  // Accounts for benchmarks: one officer per level at the first units, one member of a hamlet.
  const passwordHash = await hashPassword(o.password);
  const accounts = [
    { username: 'p.tinh', role: 'province_officer', unit: province },
    { username: 'p.huyen', role: 'district_officer', unit: districts[0] },
    { username: 'p.xa', role: 'commune_officer', unit: communes[0].commune },
    { username: 'p.thanhvien', role: 'team_member', unit: hamlets[0].hamlet },
  ];
  for (const a of accounts) {
    const fullName = personName(random, 'female');
    await insertUser(db, {
      id: newId(),
      username: a.username,
      password_hash: passwordHash,
      full_name: fullName,
      full_name_folded: foldText(fullName),
      role: a.role,
      unit_id: a.unit.id,
      locale: 'vi',
      is_active: 1,
      created_at: now,
      updated_at: now,
    });
  }

  // Teams (6 members) and a chat group per hamlet.
  let teams = 0;
  for (let i = 0; i < hamlets.length; i += 200) {
    await db.transaction().execute(async (tx) => {
      const slice = hamlets.slice(i, i + 200);
      const teamRows = slice.map(({ hamlet }) => ({
        id: newId(),
        hamlet_id: hamlet.id,
        unit_path: hamlet.path,
        name: `Tổ công nghệ số cộng đồng ${hamlet.name}`,
        name_folded: foldText(`To cong nghe so cong dong ${hamlet.name}`),
        status: 'established',
        proposed_on: `${o.year - 1}-05-01`,
        established_on: `${o.year - 1}-05-20`,
        dissolved_on: null,
        composition_reason: null,
        is_demo: 1,
        created_at: now,
        updated_at: now,
      }));
      await tx.insertInto('teams').values(teamRows).execute();
      const members = teamRows.flatMap((t) =>
        Array.from({ length: 6 }, (_, k) => {
          const sex = k % 3 === 2 ? 'female' : random() < 0.5 ? 'male' : 'female';
          const fullName = personName(random, sex);
          return {
            id: newId(),
            team_id: t.id,
            full_name: fullName,
            full_name_folded: foldText(fullName),
            sex,
            birth_year: 1965 + Math.floor(random() * 40),
            phone: mobileNumber(random),
            affiliation: [
              'hamlet_head',
              'youth_union',
              'women_union',
              'volunteer',
              'police',
              'teacher',
            ][k],
            position: '',
            digital_skills: '',
            role: k === 0 ? 'leader' : k === 1 ? 'deputy' : 'member',
            joined_on: `${o.year - 1}-05-20`,
            left_on: null,
            created_at: now,
            updated_at: now,
          };
        }),
      );
      await tx.insertInto('team_members').values(members).execute();
      await tx
        .insertInto('chat_groups')
        .values(
          slice.map(({ hamlet }) => ({
            id: newId(),
            unit_id: hamlet.id,
            unit_path: hamlet.path,
            platform: 'zalo',
            name: `Nhóm Zalo ${hamlet.name}`,
            invite_link: null,
            admins: '[]',
            households_total: null,
            households_joined: 0,
            joined_updated_on: null,
            is_active: 1,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      teams += teamRows.length;
    });
    progress('teams', Math.min(hamlets.length, i + 200), hamlets.length);
  }

  // Households and residents, hamlet by hamlet; each commune's adults are then helped.
  const platforms = await db
    .selectFrom('platforms')
    .select(['id', 'code', 'outcomes', 'retired_on'])
    .execute();
  const pairs = platforms
    .filter((p) => !p.retired_on || p.retired_on > `${o.year}-12-31`)
    .flatMap((p) =>
      (JSON.parse(p.outcomes) as Outcome[]).map((outcome) => ({ id: p.id, code: p.code, outcome })),
    );
  const weightOf = (code: string) =>
    code === KPI_SKILL.platformCode ? 6 : code === 'vneid' || code === 'so-suc-khoe' ? 4 : 1.5;
  const weights = pairs.map((p) => weightOf(p.code));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const pickPair = () => {
    let r = random() * weightSum;
    for (let i = 0; i < pairs.length; i += 1) {
      r -= weights[i];
      if (r <= 0) return pairs[i];
    }
    return pairs[pairs.length - 1];
  };
  const householdsPer = spread(o.households, hamlets.length, random);
  const perHousehold = o.residents / Math.max(1, o.households);
  const supportsPerResident = o.supports / Math.max(1, o.residents);
  let households = 0;
  let residents = 0;
  let supports = 0;
  const deltas = new Map<string, number>();
  const upper = new Set([province.id, ...districts.map((d) => d.id)]);
  const byCommune = new Map<string, typeof hamlets>();
  for (const h of hamlets) {
    const list = byCommune.get(h.commune.id) ?? [];
    list.push(h);
    byCommune.set(h.commune.id, list);
  }
  let hamletIndex = 0;
  for (const [ci, list] of [...byCommune.values()].entries()) {
    // Communes differ in how active their teams are.
    const activity = [1.25, 0.8, 0.55, 1.4, 0.95][ci % 5];
    await db.transaction().execute(async (tx) => {
      for (const { hamlet } of list) {
        const hRows: HouseholdRow[] = [];
        const rRows: ResidentRow[] = [];
        const sRows: SupportRecordsTable[] = [];
        const count = householdsPer[hamletIndex];
        hamletIndex += 1;
        for (let i = 0; i < count; i += 1) {
          const hh: HouseholdRow = {
            id: newId(),
            hamlet_id: hamlet.id,
            unit_path: hamlet.path,
            address: `${hamlet.name}, số nhà ${i + 1}`,
            address_folded: foldText(`${hamlet.name}, so nha ${i + 1}`),
            head_name: '',
            head_name_folded: '',
            phone: null,
            notes: '',
            is_demo: 1,
            created_at: now,
            updated_at: now,
          };
          // Household size around the mean (1 to 2 × mean), so the totals land near the target.
          const size = Math.max(1, Math.round(perHousehold * (0.4 + random() * 1.2)));
          const headYear = 1940 + Math.floor(Math.pow(random(), 0.8) * 62);
          for (let k = 0; k < size; k += 1) {
            const sex =
              k === 0 ? (random() < 0.78 ? 'male' : 'female') : random() < 0.5 ? 'male' : 'female';
            const year =
              k === 0
                ? headYear
                : k === 1
                  ? headYear + Math.floor(random() * 7) - 3
                  : Math.min(o.year, headYear + 20 + Math.floor(random() * 20));
            const fullName = personName(random, sex);
            const r: ResidentRow = {
              id: newId(),
              household_id: hh.id,
              hamlet_id: hamlet.id,
              unit_path: hamlet.path,
              full_name: fullName,
              full_name_folded: foldText(fullName),
              sex: random() < 0.004 ? null : sex,
              birth_year: random() < 0.004 ? null : year,
              relation: k === 0 ? 'head' : k === 1 ? 'spouse' : 'child',
              phone: year <= o.year - 18 && random() < 0.5 ? mobileNumber(random) : null,
              national_id_hash: null,
              national_id_last4: null,
              ethnicity: null,
              notes: '',
              status: 'active',
              merged_into_id: null,
              erased_at: null,
              is_demo: 1,
              created_at: now,
              updated_at: now,
            };
            if (k === 0) {
              hh.head_name = fullName;
              hh.head_name_folded = r.full_name_folded;
              hh.phone = r.phone;
            }
            rRows.push(r);
            // Support records: adults only, each platform/outcome at most once per resident.
            if (year > o.year - 15) continue;
            const n = Math.round(supportsPerResident * activity * (0.3 + random() * 1.4) * 1.35);
            const seen = new Set<number>();
            for (let s = 0; s < n; s += 1) {
              const pair = pickPair();
              const key = pairs.indexOf(pair);
              if (seen.has(key)) continue;
              seen.add(key);
              const month = Math.min(12, 1 + Math.floor(Math.sqrt(random()) * 12));
              const row: SupportRecordsTable = {
                id: newId(),
                resident_id: r.id,
                hamlet_id: hamlet.id,
                unit_path: hamlet.path,
                platform_id: pair.id,
                outcome: pair.outcome,
                supported_on: `${o.year}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
                note: '',
                recorded_by: null,
                voids_id: null,
                voided_by: null,
                received_at: now,
              };
              sRows.push(row);
              addDeltas(deltas, row, 1);
            }
          }
          hRows.push(hh);
        }
        await insertHouseholds(tx, hRows);
        for (let i = 0; i < rRows.length; i += 1000)
          await insertResidents(tx, rRows.slice(i, i + 1000));
        for (let i = 0; i < sRows.length; i += 1000)
          await tx
            .insertInto('support_records')
            .values(sRows.slice(i, i + 1000))
            .execute();
        // The hamlet's chat group: a share of its households joined.
        await tx
          .updateTable('chat_groups')
          .set({
            households_total: hRows.length,
            households_joined: Math.round(
              hRows.length * Math.min(0.95, 0.35 + 0.4 * activity * random()),
            ),
            joined_updated_on: `${o.year}-12-31`,
          })
          .where('unit_id', '=', hamlet.id)
          .execute();
        households += hRows.length;
        residents += rRows.length;
        supports += sRows.length;
      }
      // The commune's and its hamlets' counts are complete: write them now and keep only the
      // district's and province's in memory (daily keys would not fit for a whole province).
      const local = new Map<string, number>();
      for (const [key, n] of deltas) {
        if (!upper.has(key.slice(0, key.indexOf('|')))) {
          local.set(key, n);
          deltas.delete(key);
        }
      }
      await insertKeptCounts(tx, local);
    });
    progress('people and records', hamletIndex, hamlets.length);
  }

  // The district's and province's kept counts, inserted in bulk (the tables hold none of them).
  progress('kept counts', 0, 1);
  await db.transaction().execute((tx) => insertKeptCounts(tx, deltas));
  progress('kept counts', 1, 1);

  // The dashboard's kept KPI counts: residents were counted as they were inserted; the records
  // were written directly, so the counts are rebuilt once from the rows.
  progress('KPI counts', 0, 1);
  await db.transaction().execute((tx) => rebuildKpiCounts(tx));
  // Teams and chat groups were written directly too: the coverage counts likewise.
  await db.transaction().execute((tx) => rebuildCoverageCounts(tx));
  progress('KPI counts', 1, 1);

  await generateProvinceReports(
    db,
    { province, districts, communes, hamlets, year: o.year, now },
    progress,
  );

  return {
    units: 1 + districts.length + communes.length + hamlets.length,
    teams,
    households,
    residents,
    supports,
    accounts: accounts.map((a) => ({ username: a.username, role: a.role, unit: a.unit.name })),
    seconds: (Date.now() - started) / 1000,
  };
}
