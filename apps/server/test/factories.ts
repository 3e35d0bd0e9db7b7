import type { Role } from '@toso/domain/roles';
import { foldText } from '@toso/domain/text';
import type { Db } from '../src/db/db';
import type { ResidentsTable } from '../src/db/schema';
import { insertUnit, type UnitRow } from '../src/features/units/units.repository';
import { hashPassword } from '../src/features/users/password';
import { insertUser } from '../src/features/users/users.repository';
import { newId, nowIso } from '../src/lib/ids';

export const TEST_PASSWORD = 'test-password-123';

/** Builds a unit under `parent` (or a root) directly in the database. */
export async function buildUnit(
  db: Db,
  parent: UnitRow | null,
  fields: Partial<UnitRow> & { level: string; kind: string; name: string },
): Promise<UnitRow> {
  const id = fields.id ?? newId();
  const now = nowIso();
  const row: UnitRow = {
    id,
    parent_id: parent?.id ?? null,
    code: null,
    valid_from: '2022-01-01',
    valid_to: null,
    is_demo: 0,
    created_at: now,
    updated_at: now,
    ...fields,
    name_folded: foldText(fields.name),
    path: `${parent ? parent.path : '/'}${id}/`,
  };
  await insertUnit(db, row);
  return row;
}

let hashed: Promise<string> | undefined;

export async function buildUser(
  db: Db,
  fields: { username: string; role: Role; unit: UnitRow | null; fullName?: string },
) {
  hashed ??= hashPassword(TEST_PASSWORD);
  const now = nowIso();
  const fullName = fields.fullName ?? `Người dùng ${fields.username}`;
  const row = {
    id: newId(),
    username: fields.username,
    password_hash: await hashed,
    full_name: fullName,
    full_name_folded: foldText(fullName),
    role: fields.role,
    unit_id: fields.unit?.id ?? null,
    locale: 'vi',
    is_active: 1,
    created_at: now,
    updated_at: now,
  };
  await insertUser(db, row);
  return row;
}

/**
 * A province with one district and two sibling communes A and B, each with hamlets, and one
 * user per role in A and in B (usernames like `commune_officer.a`), plus `admin`.
 */
export async function buildWorld(db: Db) {
  const province = await buildUnit(db, null, {
    level: 'province',
    kind: 'tinh',
    code: '19',
    name: 'Tỉnh Thái Nguyên',
  });
  const district = await buildUnit(db, province, {
    level: 'district',
    kind: 'huyen',
    code: '168',
    name: 'Huyện Phú Lương',
  });
  const communeA = await buildUnit(db, district, {
    level: 'commune',
    kind: 'xa',
    code: '05620',
    name: 'Xã Yên Đổ',
  });
  const communeB = await buildUnit(db, district, {
    level: 'commune',
    kind: 'xa',
    code: '05629',
    name: 'Xã Động Đạt',
  });
  const hamletA = await buildUnit(db, communeA, {
    level: 'hamlet',
    kind: 'xom',
    name: 'Xóm Làng Mới',
  });
  const hamletA2 = await buildUnit(db, communeA, {
    level: 'hamlet',
    kind: 'xom',
    name: 'Xóm Đồng Tâm',
  });
  const hamletB = await buildUnit(db, communeB, {
    level: 'hamlet',
    kind: 'xom',
    name: 'Xóm Khe Ván',
  });
  const admin = await buildUser(db, { username: 'admin', role: 'admin', unit: null });
  const users: Record<string, Awaited<ReturnType<typeof buildUser>>> = { admin };
  const side = {
    a: { commune: communeA, hamlet: hamletA },
    b: { commune: communeB, hamlet: hamletB },
  };
  for (const [key, s] of Object.entries(side)) {
    users[`commune_officer.${key}`] = await buildUser(db, {
      username: `commune_officer.${key}`,
      role: 'commune_officer',
      unit: s.commune,
    });
    users[`team_leader.${key}`] = await buildUser(db, {
      username: `team_leader.${key}`,
      role: 'team_leader',
      unit: s.hamlet,
    });
    users[`team_member.${key}`] = await buildUser(db, {
      username: `team_member.${key}`,
      role: 'team_member',
      unit: s.hamlet,
    });
    users[`partner.${key}`] = await buildUser(db, {
      username: `partner.${key}`,
      role: 'partner',
      unit: s.commune,
    });
  }
  users.district_officer = await buildUser(db, {
    username: 'district_officer',
    role: 'district_officer',
    unit: district,
  });
  users.province_officer = await buildUser(db, {
    username: 'province_officer',
    role: 'province_officer',
    unit: province,
  });
  return { province, district, communeA, communeB, hamletA, hamletA2, hamletB, users };
}

/**
 * A resident's row for a direct insert (no kept counts: for tests that read the registry only):
 * an active man born in 1980, no phone or ID, in `hamlet` and household `householdId`.
 */
export function residentRow(
  hamlet: UnitRow,
  householdId: string,
  fullName: string,
  fields: Partial<ResidentsTable> = {},
): ResidentsTable {
  const now = nowIso();
  return {
    id: newId(),
    household_id: householdId,
    hamlet_id: hamlet.id,
    unit_path: hamlet.path,
    full_name: fullName,
    full_name_folded: foldText(fullName),
    sex: 'male',
    birth_year: 1980,
    relation: 'other',
    phone: null,
    national_id_hash: null,
    national_id_last4: null,
    ethnicity: null,
    notes: '',
    status: 'active',
    merged_into_id: null,
    erased_at: null,
    is_demo: 0,
    created_at: now,
    updated_at: now,
    ...fields,
  };
}
