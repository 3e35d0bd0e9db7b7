import { foldText } from '@toso/domain/text';
import type { Db, Tx } from '../../db/db';
import type { UnitRow } from '../units/units.repository';
import { countUnits, insertUnit } from '../units/units.repository';
import { insertUser } from '../users/users.repository';
import { hashPassword } from '../users/password';
import { recordAudit, type SystemActor } from '../audit/audit.service';
import { newId, nowIso } from '../../lib/ids';
import { seedDemoLibrary } from './demo-library';
import { seedDemoDifficulties } from './demo-difficulties';
import { seedDemoDashboard } from './demo-dashboard';
import { seedDemoPopulation } from './demo-population';
import { seedDemoReports } from './demo-reports';
import { seedDemoSupports } from './demo-supports';
import { seedDemoTargetKinds } from './demo-targets';
import { seedDemoTeams } from './demo-teams';
import { seedDemoTrainings } from './demo-trainings';
import {
  DEMO_ACCOUNTS,
  DEMO_COMMUNES,
  DEMO_DISTRICT,
  DEMO_PASSWORD,
  DEMO_PROVINCE,
  HAMLET_NAMES,
} from './demo-data';

// The team of the first hamlet of Xã Yên Đổ holds the demo team leader and team member.
const FEATURED = {
  communeCode: '05620',
  people: [
    { fullName: 'Đặng Văn Hùng', role: 'leader', affiliation: 'hamlet_head', sex: 'male' },
    { fullName: 'Lưu Thị Mai', role: 'deputy', affiliation: 'youth_union', sex: 'female' },
  ] as {
    fullName: string;
    role: 'leader' | 'deputy';
    affiliation: 'hamlet_head' | 'youth_union';
    sex: 'male' | 'female';
  }[],
};

/** A small deterministic generator, so the demo district is the same on every machine. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function unitRow(
  parent: UnitRow | null,
  fields: { level: string; kind: string; code: string | null; name: string },
  now: string,
): UnitRow {
  const id = newId();
  return {
    id,
    parent_id: parent?.id ?? null,
    ...fields,
    name_folded: foldText(fields.name),
    path: `${parent ? parent.path : '/'}${id}/`,
    valid_from: '2022-01-01',
    valid_to: null,
    is_demo: fields.level === 'hamlet' ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
}

async function seedUnits(tx: Tx, now: string) {
  const random = prng(174);
  const province = unitRow(null, { level: 'province', ...DEMO_PROVINCE }, now);
  const district = unitRow(province, { level: 'district', ...DEMO_DISTRICT }, now);
  await insertUnit(tx, province);
  await insertUnit(tx, district);
  const byCode = new Map<string, UnitRow>([
    [province.code as string, province],
    [district.code as string, district],
  ]);
  const firstHamlet = new Map<string, UnitRow>();
  const communes: { commune: UnitRow; hamlets: UnitRow[] }[] = [];
  let hamlets = 0;
  for (const c of DEMO_COMMUNES) {
    const commune = unitRow(district, { level: 'commune', ...c }, now);
    await insertUnit(tx, commune);
    byCode.set(c.code, commune);
    const entry = { commune, hamlets: [] as UnitRow[] };
    communes.push(entry);
    const count = 8 + Math.floor(random() * 13);
    const names = [...HAMLET_NAMES].sort(() => random() - 0.5).slice(0, count);
    for (const [i, n] of names.entries()) {
      const isTown = c.kind === 'thi_tran';
      const name = isTown ? `Tổ dân phố ${n}` : `Xóm ${n}`;
      const kind = isTown ? 'to_dan_pho' : 'xom';
      const hamlet = unitRow(commune, { level: 'hamlet', kind, code: null, name }, now);
      await insertUnit(tx, hamlet);
      entry.hamlets.push(hamlet);
      if (i === 0) firstHamlet.set(c.code, hamlet);
      hamlets += 1;
    }
  }
  return { byCode, firstHamlet, hamlets, district, communes, random };
}

export interface SeedResult {
  seeded: boolean;
  units: number;
  teams: number;
  residents: number;
  accounts: { username: string; role: string }[];
}

/** Seeds the demo district into an empty database; does nothing if any unit exists. */
export async function seedDemo(
  db: Db,
  actor: SystemActor,
  populationSize = 100_000,
): Promise<SeedResult> {
  if ((await countUnits(db)) > 0)
    return { seeded: false, units: 0, teams: 0, residents: 0, accounts: [] };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = nowIso();
  return db.transaction().execute(async (tx) => {
    const { byCode, firstHamlet, hamlets, district, communes, random } = await seedUnits(tx, now);
    for (const a of DEMO_ACCOUNTS) {
      const unit =
        a.unit === null
          ? null
          : a.unit.startsWith('hamlet:')
            ? firstHamlet.get(a.unit.slice('hamlet:'.length))
            : byCode.get(a.unit);
      await insertUser(tx, {
        id: newId(),
        username: a.username,
        password_hash: passwordHash,
        full_name: a.fullName,
        full_name_folded: foldText(a.fullName),
        role: a.role,
        unit_id: unit?.id ?? null,
        locale: 'vi',
        is_active: 1,
        created_at: now,
        updated_at: now,
      });
    }
    const { teams } = await seedDemoTeams(tx, random, district, communes, FEATURED, now);
    const population = await seedDemoPopulation(
      tx,
      random,
      communes.flatMap((c) => c.hamlets),
      now,
      populationSize,
    );
    const supports = await seedDemoSupports(tx, random, district, communes, now);
    const library = await seedDemoLibrary(tx, district, communes, now);
    const reports = await seedDemoReports(
      tx,
      random,
      communes,
      firstHamlet.get(FEATURED.communeCode)?.id,
    );
    const difficulties = await seedDemoDifficulties(tx, random, district, communes, now);
    const trainings = await seedDemoTrainings(
      tx,
      random,
      byCode.get(DEMO_PROVINCE.code) as UnitRow,
      district,
      communes,
      now,
    );
    await seedDemoTargetKinds(tx, district, communes, now);
    await seedDemoDashboard(tx, district, now);
    const units = 2 + DEMO_COMMUNES.length + hamlets;
    await recordAudit(tx, actor, {
      entity: 'demo',
      entityId: null,
      action: 'seed',
      unitPath: null,
      summary: {
        after: {
          units,
          teams,
          ...population,
          supports: supports.records,
          ...library,
          reports: reports.reports,
          difficulties: difficulties.difficulties,
          ...trainings,
          accounts: DEMO_ACCOUNTS.length,
        },
      },
    });
    return {
      seeded: true,
      units,
      teams,
      residents: population.residents,
      accounts: DEMO_ACCOUNTS.map((a) => ({ username: a.username, role: a.role })),
    };
  });
}
