import { maskPhone } from '@toso/domain/phone';
import {
  nationalIdLast4,
  type DuplicateDto,
  type HouseholdBody,
  type HouseholdDto,
  type Relation,
  type ResidentBody,
  type ResidentDto,
} from '@toso/domain/registry';
import type { Sex } from '@toso/domain/teams';
import { cleanText, foldText } from '@toso/domain/text';
import { workingAgeStatus } from '@toso/domain/working-age';
import type { AppConfig } from '../../config';
import type { Db, Executor } from '../../db/db';
import { AppError, invalid, notFound } from '../../lib/app-error';
import { newId, nowIso, todayInVietnam } from '../../lib/ids';
import type { Scope } from '../../lib/scope';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import { getUnitInScope } from '../units/units.service';
import { hashNationalId } from './id-hash';
import {
  findDuplicateCandidates,
  findHouseholdInScope,
  findResidentInScope,
  insertHouseholds,
  insertResidents,
  latestConsents,
  listHouseholds,
  searchResidents,
  updateHousehold,
  updateResident,
  type HouseholdView,
  type ResidentRow,
  type ResidentView,
} from './registry.repository';
import { keepKpiCounts } from '../dashboard/kpi-counts';
import { kpiResidentFilter, type KpiFilter } from '../dashboard/kpi-filter';
import { pageWindow } from '../../lib/paging';

/** Phones and ethnicity are shown in full only to the resident's hamlet team and their commune. */
export function seesContact(actor: { role: string }): boolean {
  return (
    actor.role === 'team_leader' || actor.role === 'team_member' || actor.role === 'commune_officer'
  );
}

function showPhone(
  actor: Actor,
  phone: string | null,
): { phone: string | null; phoneMasked: boolean } {
  if (!phone) return { phone: null, phoneMasked: false };
  return seesContact(actor)
    ? { phone, phoneMasked: false }
    : { phone: maskPhone(phone), phoneMasked: true };
}

async function residentDtos(
  db: Executor,
  actor: Actor,
  rows: ResidentView[],
): Promise<ResidentDto[]> {
  const consents = await latestConsents(
    db,
    rows.map((r) => r.id),
  );
  const today = todayInVietnam();
  return rows.map((r) => ({
    id: r.id,
    householdId: r.household_id,
    householdHead: r.household_head,
    householdAddress: r.household_address,
    hamletId: r.hamlet_id,
    hamletName: r.hamlet_name,
    fullName: r.full_name,
    sex: r.sex as Sex | null,
    birthYear: r.birth_year,
    relation: r.relation as Relation,
    ...showPhone(actor, r.phone),
    nationalIdLast4: r.national_id_last4,
    ethnicity: seesContact(actor) ? r.ethnicity : null,
    notes: r.notes,
    status: r.status as 'active' | 'merged' | 'erased',
    workingAge: workingAgeStatus({ birthYear: r.birth_year, sex: r.sex as Sex | null }, today),
    consent: (consents.get(r.id) as ResidentDto['consent']) ?? null,
  }));
}

export async function getResidentInScope(
  db: Executor,
  scope: Scope,
  id: string,
): Promise<ResidentView> {
  const r = await findResidentInScope(db, scope, id);
  if (!r) throw notFound('Không tìm thấy người dân');
  return r;
}

export async function getResidentForActor(db: Db, actor: Actor, id: string): Promise<ResidentDto> {
  const [dto] = await residentDtos(db, actor, [await getResidentInScope(db, actor.scope, id)]);
  return dto;
}

/** Search by name (accents and case ignored), phone digits, birth year, household. */
export async function listResidentsForActor(
  db: Db,
  config: AppConfig,
  actor: Actor,
  query: {
    q?: string;
    unitId?: string;
    householdId?: string;
    birthYear?: number;
    kpi?: KpiFilter;
    on?: string;
    page: number;
    pageSize: number;
  },
) {
  const kpi = query.kpi ? await kpiResidentFilter(db, query.kpi, query.on) : undefined;
  const unit = query.unitId ? await getUnitInScope(db, actor.scope, query.unitId) : null;
  const q = (query.q ?? '').trim();
  const digits = /^[\d\s.+]+$/.test(q) ? q.replace(/\D/g, '') : '';
  const isYear =
    /^\d{4}$/.test(digits) && Number(digits) >= 1900 && Number(digits) <= 2100 && digits === q;
  // Searching by phone is for those who may see phones: others would learn them digit by digit.
  if (digits && !isYear && !seesContact(actor)) {
    return { items: [], total: 0, isCapped: false, page: query.page, pageSize: query.pageSize };
  }
  const { rows, total, isCapped } = await searchResidents(
    db,
    actor.scope,
    {
      unitPath: unit?.path,
      householdId: query.householdId,
      birthYear: query.birthYear ?? (isYear ? Number(digits) : undefined),
      kpi,
      phoneDigits: digits && !isYear ? digits.replace(/^84/, '0') : undefined,
      folded: digits ? undefined : foldText(q) || undefined,
      dialect: config.database.dialect,
    },
    pageWindow(query),
  );
  return {
    items: await residentDtos(db, actor, rows),
    total,
    isCapped,
    page: query.page,
    pageSize: query.pageSize,
  };
}

function communePathOf(hamletPath: string): string {
  return `${hamletPath
    .split('/')
    .filter(Boolean)
    .slice(0, -1)
    .map((s) => `/${s}`)
    .join('')}/`;
}

export async function findDuplicates(
  db: Db,
  config: AppConfig,
  hamletPath: string,
  p: {
    fullName?: string;
    birthYear?: number | null;
    phone?: string | null;
    nationalId?: string | null;
    exceptId?: string;
  },
): Promise<DuplicateDto[]> {
  const folded = p.fullName ? foldText(p.fullName) : undefined;
  const nidHash = p.nationalId ? await hashNationalId(db, config.idHashKey, p.nationalId) : null;
  const rows = await findDuplicateCandidates(db, communePathOf(hamletPath), {
    folded,
    birthYear: p.birthYear,
    phone: p.phone,
    nidHash,
    exceptId: p.exceptId,
  });
  return rows.map((r) => ({
    id: r.id,
    fullName: r.full_name,
    birthYear: r.birth_year,
    hamletName: r.hamlet_name,
    householdHead: r.household_head,
    reasons: [
      ...(folded && p.birthYear && r.full_name_folded === folded && r.birth_year === p.birthYear
        ? (['name_birth_year'] as const)
        : []),
      ...(p.phone && r.phone === p.phone ? (['phone'] as const) : []),
      ...(nidHash && r.national_id_hash === nidHash ? (['national_id'] as const) : []),
    ],
  }));
}

export async function getHouseholdInScope(
  db: Executor,
  scope: Scope,
  id: string,
): Promise<HouseholdView> {
  const h = await findHouseholdInScope(db, scope, id);
  if (!h) throw notFound('Không tìm thấy hộ gia đình');
  return h;
}

/** A resident row ready to insert (national ID hashed, last four digits kept). */
export async function residentRow(
  db: Executor,
  config: AppConfig,
  household: { id: string; hamlet_id: string; unit_path: string },
  body: Omit<ResidentBody, 'householdId' | 'confirmNotDuplicate'>,
  now: string,
): Promise<ResidentRow> {
  const fullName = cleanText(body.fullName);
  return {
    id: newId(),
    household_id: household.id,
    hamlet_id: household.hamlet_id,
    unit_path: household.unit_path,
    full_name: fullName,
    full_name_folded: foldText(fullName),
    sex: body.sex,
    birth_year: body.birthYear,
    relation: body.relation,
    phone: body.phone,
    national_id_hash: body.nationalId
      ? await hashNationalId(db, config.idHashKey, body.nationalId)
      : null,
    national_id_last4: body.nationalId ? nationalIdLast4(body.nationalId) : null,
    ethnicity: body.ethnicity ? cleanText(body.ethnicity) : null,
    notes: body.notes,
    status: 'active',
    merged_into_id: null,
    erased_at: null,
    is_demo: 0,
    created_at: now,
    updated_at: now,
  };
}

export type CreateResidentResult =
  | { status: 'created'; resident: ResidentDto; candidates: DuplicateDto[] }
  | { status: 'duplicates'; resident: null; candidates: DuplicateDto[] };

/** Adds a resident; possible duplicates come back first, unless the user confirmed they are not. */
export async function createResident(
  db: Db,
  config: AppConfig,
  actor: Actor,
  body: ResidentBody,
): Promise<CreateResidentResult> {
  const household = await getHouseholdInScope(db, actor.scope, body.householdId);
  const candidates = await findDuplicates(db, config, household.unit_path, body);
  if (candidates.length > 0 && !body.confirmNotDuplicate)
    return { status: 'duplicates', resident: null, candidates };
  const row = await residentRow(db, config, household, body, nowIso());
  await db.transaction().execute(async (tx) => {
    await insertResidents(tx, [row]);
    if (body.relation === 'head') {
      await updateHousehold(tx, household.id, {
        head_name: row.full_name,
        head_name_folded: row.full_name_folded,
        updated_at: row.created_at,
      });
    }
    await recordAudit(tx, actor, {
      entity: 'resident',
      entityId: row.id,
      action: 'create',
      unitPath: row.unit_path,
      summary: { after: { householdId: household.id, duplicatesShown: candidates.length } },
    });
  });
  return { status: 'created', resident: await getResidentForActor(db, actor, row.id), candidates };
}

export async function updateResidentForActor(
  db: Db,
  config: AppConfig,
  actor: Actor,
  id: string,
  body: Partial<Omit<ResidentBody, 'householdId' | 'confirmNotDuplicate'>>,
): Promise<ResidentDto> {
  const r = await getResidentInScope(db, actor.scope, id);
  if (r.status !== 'active')
    throw new AppError('conflict', 'Người này đã được gộp hoặc đã xóa dữ liệu');
  const changes: Partial<ResidentRow> = {};
  if (body.fullName !== undefined)
    Object.assign(changes, {
      full_name: cleanText(body.fullName),
      full_name_folded: foldText(body.fullName),
    });
  if (body.sex !== undefined) changes.sex = body.sex;
  if (body.birthYear !== undefined) changes.birth_year = body.birthYear;
  if (body.relation !== undefined) changes.relation = body.relation;
  if (body.phone !== undefined) changes.phone = body.phone;
  if (body.ethnicity !== undefined) changes.ethnicity = body.ethnicity;
  if (body.notes !== undefined) changes.notes = body.notes;
  if (body.nationalId !== undefined) {
    changes.national_id_hash = body.nationalId
      ? await hashNationalId(db, config.idHashKey, body.nationalId)
      : null;
    changes.national_id_last4 = body.nationalId ? nationalIdLast4(body.nationalId) : null;
  }
  await db.transaction().execute(async (tx) => {
    await keepKpiCounts(tx, { residentIds: [id] }, () =>
      updateResident(tx, id, { ...changes, updated_at: nowIso() }),
    );
    // Which fields changed, never their personal values.
    await recordAudit(tx, actor, {
      entity: 'resident',
      entityId: id,
      action: 'update',
      unitPath: r.unit_path,
      summary: { after: { fields: Object.keys(changes).filter((k) => !k.endsWith('_folded')) } },
    });
  });
  return getResidentForActor(db, actor, id);
}

export async function createHousehold(
  db: Db,
  actor: Actor,
  body: HouseholdBody,
): Promise<HouseholdDto> {
  const hamlet = await getUnitInScope(db, actor.scope, body.hamletId);
  if (hamlet.level !== 'hamlet')
    throw invalid('body.hamletId', 'Hộ gia đình thuộc một xóm, thôn, tổ dân phố');
  const now = nowIso();
  const id = newId();
  await db.transaction().execute(async (tx) => {
    await insertHouseholds(tx, [
      {
        id,
        hamlet_id: hamlet.id,
        unit_path: hamlet.path,
        address: cleanText(body.address),
        address_folded: foldText(body.address),
        head_name: cleanText(body.headName),
        head_name_folded: foldText(body.headName),
        phone: body.phone,
        notes: body.notes,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      },
    ]);
    await recordAudit(tx, actor, {
      entity: 'household',
      entityId: id,
      action: 'create',
      unitPath: hamlet.path,
      summary: { after: { hamletId: hamlet.id } },
    });
  });
  return getHouseholdForActor(db, actor, id);
}

export async function getHouseholdForActor(
  db: Db,
  actor: Actor,
  id: string,
): Promise<HouseholdDto> {
  const h = await getHouseholdInScope(db, actor.scope, id);
  const { n } = await db
    .selectFrom('residents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('household_id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return householdDto(actor, { ...h, resident_count: Number(n) });
}

function householdDto(
  actor: Actor,
  h: HouseholdView & { resident_count: number | string | null },
): HouseholdDto {
  return {
    id: h.id,
    hamletId: h.hamlet_id,
    hamletName: h.hamlet_name,
    address: h.address,
    headName: h.head_name,
    ...showPhone(actor, h.phone),
    notes: h.notes,
    residentCount: Number(h.resident_count ?? 0),
  };
}

export async function listHouseholdsForActor(
  db: Db,
  actor: Actor,
  query: { q?: string; unitId?: string; page: number; pageSize: number },
) {
  const unit = query.unitId ? await getUnitInScope(db, actor.scope, query.unitId) : null;
  const { rows, total } = await listHouseholds(
    db,
    actor.scope,
    { unit, folded: query.q ? foldText(query.q) : undefined },
    pageWindow(query),
  );
  return {
    items: rows.map((h) => householdDto(actor, h)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function updateHouseholdForActor(
  db: Db,
  actor: Actor,
  id: string,
  body: { address?: string; headName?: string; phone?: string | null; notes?: string },
): Promise<HouseholdDto> {
  const h = await getHouseholdInScope(db, actor.scope, id);
  const changes: Record<string, unknown> = {};
  if (body.address !== undefined)
    Object.assign(changes, {
      address: cleanText(body.address),
      address_folded: foldText(body.address),
    });
  if (body.headName !== undefined)
    Object.assign(changes, {
      head_name: cleanText(body.headName),
      head_name_folded: foldText(body.headName),
    });
  if (body.phone !== undefined) changes.phone = body.phone;
  if (body.notes !== undefined) changes.notes = body.notes;
  if (Object.keys(changes).length === 0) return getHouseholdForActor(db, actor, id);
  await db.transaction().execute(async (tx) => {
    await updateHousehold(tx, id, { ...changes, updated_at: nowIso() });
    await recordAudit(tx, actor, {
      entity: 'household',
      entityId: id,
      action: 'update',
      unitPath: h.unit_path,
      summary: { after: { fields: Object.keys(changes).filter((k) => !k.endsWith('_folded')) } },
    });
  });
  return getHouseholdForActor(db, actor, id);
}
