import { dataRequestDueOn, DATA_REQUEST_KINDS, CONSENT_STATUSES } from '@toso/domain/registry';
import type { Db, Executor } from '../../db/db';
import { AppError, forbidden, invalid, notFound } from '../../lib/app-error';
import { newId, nowIso, todayInVietnam } from '../../lib/ids';
import { inScope } from '../../lib/sql';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import { moveSupportsOnMerge } from '../supports/supports.service';
import { getUnitInScope } from '../units/units.service';
import { updateHousehold, updateResident } from './registry.repository';
import {
  getHouseholdForActor,
  getHouseholdInScope,
  getResidentForActor,
  getResidentInScope,
} from './registry.service';
import { keepKpiCounts } from '../dashboard/kpi-counts';
import { onPage } from '../../lib/paging';

type ConsentStatus = (typeof CONSENT_STATUSES)[number];
type RequestKind = (typeof DATA_REQUEST_KINDS)[number];

export async function moveHousehold(
  db: Db,
  actor: Actor,
  id: string,
  hamletId: string,
  movedOn: string,
) {
  const h = await getHouseholdInScope(db, actor.scope, id);
  const to = await getUnitInScope(db, actor.scope, hamletId);
  if (to.level !== 'hamlet') throw invalid('body.hamletId', 'Chọn một xóm, thôn, tổ dân phố');
  if (to.id === h.hamlet_id) throw invalid('body.hamletId', 'Hộ đã ở xóm này');
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('household_moves')
      .values({
        id: newId(),
        household_id: id,
        from_hamlet_id: h.hamlet_id,
        to_hamlet_id: to.id,
        moved_on: movedOn,
        created_by: actor.userId,
        created_at: nowIso(),
      })
      .execute();
    await updateHousehold(tx, id, { hamlet_id: to.id, unit_path: to.path, updated_at: nowIso() });
    await keepKpiCounts(tx, { householdId: id }, () =>
      tx
        .updateTable('residents')
        .set({ hamlet_id: to.id, unit_path: to.path, updated_at: nowIso() })
        .where('household_id', '=', id)
        .execute(),
    );
    await recordAudit(tx, actor, {
      entity: 'household',
      entityId: id,
      action: 'move',
      unitPath: to.path,
      summary: { before: { hamletId: h.hamlet_id }, after: { hamletId: to.id, movedOn } },
    });
  });
  return getHouseholdForActor(db, actor, id);
}

export async function moveResident(
  db: Db,
  actor: Actor,
  id: string,
  householdId: string,
  movedOn: string,
) {
  const r = await getResidentInScope(db, actor.scope, id);
  const to = await getHouseholdInScope(db, actor.scope, householdId);
  if (to.id === r.household_id) throw invalid('body.householdId', 'Người này đã ở hộ này');
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('resident_moves')
      .values({
        id: newId(),
        resident_id: id,
        from_household_id: r.household_id,
        to_household_id: to.id,
        moved_on: movedOn,
        created_by: actor.userId,
        created_at: nowIso(),
      })
      .execute();
    await keepKpiCounts(tx, { residentIds: [id] }, () =>
      updateResident(tx, id, {
        household_id: to.id,
        hamlet_id: to.hamlet_id,
        unit_path: to.unit_path,
        updated_at: nowIso(),
      }),
    );
    await recordAudit(tx, actor, {
      entity: 'resident',
      entityId: id,
      action: 'move',
      unitPath: to.unit_path,
      summary: { before: { householdId: r.household_id }, after: { householdId: to.id, movedOn } },
    });
  });
  return getResidentForActor(db, actor, id);
}

/** The moves of a resident and of their household, oldest first. */
export async function residentHistory(db: Db, actor: Actor, id: string) {
  const r = await getResidentInScope(db, actor.scope, id);
  const moves = await db
    .selectFrom('resident_moves')
    .select(['moved_on', 'from_household_id', 'to_household_id'])
    .where('resident_id', '=', id)
    .orderBy('moved_on')
    .execute();
  const householdMoves = await db
    .selectFrom('household_moves')
    .select(['moved_on', 'from_hamlet_id', 'to_hamlet_id'])
    .where('household_id', '=', r.household_id)
    .orderBy('moved_on')
    .execute();
  return {
    residentMoves: moves.map((m) => ({
      movedOn: m.moved_on,
      fromHouseholdId: m.from_household_id,
      toHouseholdId: m.to_household_id,
    })),
    householdMoves: householdMoves.map((m) => ({
      movedOn: m.moved_on,
      fromHamletId: m.from_hamlet_id,
      toHamletId: m.to_hamlet_id,
    })),
  };
}

/** Merges a duplicate into the record kept: every linked record follows; the merge is audited. */
export async function mergeResidents(db: Db, actor: Actor, keepId: string, mergeId: string) {
  if (keepId === mergeId) throw invalid('body.mergeId', 'Chọn hai người khác nhau');
  const keep = await getResidentInScope(db, actor.scope, keepId);
  const merge = await getResidentInScope(db, actor.scope, mergeId);
  if (keep.status !== 'active' || merge.status !== 'active')
    throw new AppError('conflict', 'Chỉ gộp được hai hồ sơ đang hoạt động');
  const full = await db
    .selectFrom('residents')
    .selectAll()
    .where('id', 'in', [keepId, mergeId])
    .execute();
  const k = full.find((x) => x.id === keepId)!;
  const m = full.find((x) => x.id === mergeId)!;
  await db.transaction().execute(async (tx) => {
    for (const table of ['consents', 'data_requests'] as const) {
      await tx
        .updateTable(table)
        .set({ resident_id: keepId })
        .where('resident_id', '=', mergeId)
        .execute();
    }
    await keepKpiCounts(tx, { residentIds: [keepId, mergeId] }, async () => {
      await moveSupportsOnMerge(tx, keepId, mergeId);
      await updateResident(tx, keepId, {
        phone: k.phone ?? m.phone,
        national_id_hash: k.national_id_hash ?? m.national_id_hash,
        national_id_last4: k.national_id_last4 ?? m.national_id_last4,
        birth_year: k.birth_year ?? m.birth_year,
        sex: k.sex ?? m.sex,
        ethnicity: k.ethnicity ?? m.ethnicity,
        updated_at: nowIso(),
      });
      await updateResident(tx, mergeId, {
        status: 'merged',
        merged_into_id: keepId,
        updated_at: nowIso(),
      });
    });
    await recordAudit(tx, actor, {
      entity: 'resident',
      entityId: keepId,
      action: 'merge',
      unitPath: keep.unit_path,
      summary: { before: { keepId, mergeId }, after: { mergedInto: keepId } },
    });
  });
  return getResidentForActor(db, actor, keepId);
}

async function eraseInTx(tx: Executor, actor: Actor, id: string, unitPath: string, reason: string) {
  await updateResident(tx, id, {
    full_name: 'Đã xóa dữ liệu',
    full_name_folded: '',
    phone: null,
    national_id_hash: null,
    national_id_last4: null,
    ethnicity: null,
    notes: '',
    relation: 'other',
    status: 'erased',
    erased_at: nowIso(),
    updated_at: nowIso(),
  });
  await recordAudit(tx, actor, {
    entity: 'resident',
    entityId: id,
    action: 'erase',
    unitPath,
    summary: { after: { reason } },
  });
}

/** Removes a person's personal fields; sex, birth year and hamlet stay so anonymous counts hold. */
export async function eraseResident(db: Db, actor: Actor, id: string, reason: string) {
  const r = await getResidentInScope(db, actor.scope, id);
  if (r.status === 'erased') throw new AppError('conflict', 'Dữ liệu người này đã được xóa');
  await db.transaction().execute((tx) => eraseInTx(tx, actor, id, r.unit_path, reason));
}

export async function recordConsent(
  db: Db,
  actor: Actor,
  residentId: string,
  body: { status: ConsentStatus; recordedOn: string; noticeVersion: string },
) {
  const r = await getResidentInScope(db, actor.scope, residentId);
  if (body.recordedOn > todayInVietnam())
    throw invalid('body.recordedOn', 'Ngày không được ở tương lai');
  const id = newId();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('consents')
      .values({
        id,
        resident_id: residentId,
        status: body.status,
        recorded_on: body.recordedOn,
        notice_version: body.noticeVersion,
        collected_by: actor.fullName,
        created_at: nowIso(),
      })
      .execute();
    await recordAudit(tx, actor, {
      entity: 'consent',
      entityId: id,
      action: 'record',
      unitPath: r.unit_path,
      summary: { after: { residentId, status: body.status, noticeVersion: body.noticeVersion } },
    });
  });
  return listConsents(db, actor, residentId);
}

export async function listConsents(db: Db, actor: Actor, residentId: string) {
  await getResidentInScope(db, actor.scope, residentId);
  const rows = await db
    .selectFrom('consents')
    .selectAll()
    .where('resident_id', '=', residentId)
    .orderBy('recorded_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((c) => ({
    id: c.id,
    status: c.status as ConsentStatus,
    recordedOn: c.recorded_on,
    noticeVersion: c.notice_version,
    collectedBy: c.collected_by,
  }));
}

export async function createDataRequest(
  db: Db,
  actor: Actor,
  body: { residentId: string; kind: RequestKind; receivedOn: string; details: string },
) {
  const r = await getResidentInScope(db, actor.scope, body.residentId);
  const id = newId();
  const now = nowIso();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('data_requests')
      .values({
        id,
        resident_id: r.id,
        unit_path: r.unit_path,
        kind: body.kind,
        received_on: body.receivedOn,
        due_on: dataRequestDueOn(body.receivedOn),
        status: 'open',
        details: body.details,
        response: '',
        handled_on: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordAudit(tx, actor, {
      entity: 'data_request',
      entityId: id,
      action: 'create',
      unitPath: r.unit_path,
      summary: { after: { kind: body.kind, receivedOn: body.receivedOn } },
    });
  });
  return (await listDataRequests(db, actor, { id, page: 1, pageSize: 1 })).items[0];
}

export async function listDataRequests(
  db: Db,
  actor: Actor,
  query: { status?: string; id?: string; page: number; pageSize: number },
) {
  let q = db
    .selectFrom('data_requests')
    .innerJoin('residents', 'residents.id', 'data_requests.resident_id')
    .where(inScope(actor.scope, 'data_requests.unit_path'));
  if (query.status) q = q.where('data_requests.status', '=', query.status);
  if (query.id) q = q.where('data_requests.id', '=', query.id);
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q
    .selectAll('data_requests')
    .select('residents.full_name as resident_name')
    .orderBy('data_requests.due_on')
    .$call(onPage(query))
    .execute();
  const today = todayInVietnam();
  return {
    items: rows.map((d) => ({
      id: d.id,
      residentId: d.resident_id,
      residentName: d.resident_name,
      kind: d.kind as RequestKind,
      receivedOn: d.received_on,
      dueOn: d.due_on,
      status: d.status as 'open' | 'done' | 'rejected',
      details: d.details,
      response: d.response,
      handledOn: d.handled_on,
      isOverdue: d.status === 'open' && d.due_on < today,
    })),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Closes a request; a granted deletion erases the person's personal fields in the same step. */
export async function handleDataRequest(
  db: Db,
  actor: Actor,
  id: string,
  body: { status: 'done' | 'rejected'; response: string },
) {
  const d = await db
    .selectFrom('data_requests')
    .selectAll()
    .where('id', '=', id)
    .where(inScope(actor.scope, 'data_requests.unit_path'))
    .executeTakeFirst();
  if (!d) throw notFound('Không tìm thấy yêu cầu');
  if (d.status !== 'open') throw new AppError('conflict', 'Yêu cầu đã được xử lý');
  if (actor.role === 'team_member' || actor.role === 'team_leader') throw forbidden();
  const erase = d.kind === 'delete' && body.status === 'done';
  const resident = erase ? await getResidentInScope(db, actor.scope, d.resident_id) : null;
  // A granted deletion and the closing of the request are one change: both or neither.
  await db.transaction().execute(async (tx) => {
    if (resident && resident.status !== 'erased') {
      await eraseInTx(tx, actor, resident.id, resident.unit_path, `Yêu cầu xóa ${id}`);
    }
    await tx
      .updateTable('data_requests')
      .set({
        status: body.status,
        response: body.response,
        handled_on: todayInVietnam(),
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, actor, {
      entity: 'data_request',
      entityId: id,
      action: 'handle',
      unitPath: d.unit_path,
      summary: { before: { status: 'open' }, after: { status: body.status } },
    });
  });
  return (await listDataRequests(db, actor, { id, page: 1, pageSize: 1 })).items[0];
}
