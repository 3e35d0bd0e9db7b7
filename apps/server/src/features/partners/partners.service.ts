import { hasPermission } from '@toso/domain/roles';
import { cleanText, foldText } from '@toso/domain/text';
import {
  sumContributions,
  type ContributionKind,
  type PartnerBody,
  type PartnerDetailDto,
  type PartnerKind,
  type SearchPageQuery,
} from '@toso/domain/trainings';
import type { Db, Executor } from '../../db/db';
import { AppError, invalid, notFound } from '../../lib/app-error';
import { newId, nowIso, todayInVietnam } from '../../lib/ids';
import { foldedSearch, pageOf, pageWindow } from '../../lib/paging';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import { getUnitInScope, getUnitsInScope } from '../units/units.service';
import {
  communesOf,
  contactsOf,
  contributionSums,
  findPartner,
  insertContribution,
  insertPartner,
  linkUser,
  linkedPartnerOf,
  listContributions,
  listPartnerTrainings,
  listPartners,
  partnerTrainingAttendance,
  replaceCommunes,
  replaceContacts,
  trainingCountsOf,
  updatePartner,
  type PartnerView,
} from './partners.repository';

/** A partner's own users see only their enterprise: its id, or null if not linked yet. */
async function linkedFor(db: Executor, actor: Actor): Promise<string | null | undefined> {
  return actor.role === 'partner' ? linkedPartnerOf(db, actor.userId) : undefined;
}

export async function visiblePartner(db: Executor, actor: Actor, id: string): Promise<PartnerView> {
  const p = await findPartner(db, actor.scope, await linkedFor(db, actor), id);
  if (!p) throw notFound('Không tìm thấy doanh nghiệp');
  return p;
}

function canEdit(actor: Actor, p: { unit_path: string }) {
  return hasPermission(actor.role, 'partners:write') && actor.scope.contains(p.unit_path);
}

async function summaries(db: Executor, actor: Actor, rows: PartnerView[]) {
  const ids = rows.map((r) => r.id);
  const communes = await communesOf(db, ids);
  const trainings = new Map((await trainingCountsOf(db, ids)).map((t) => [t.partner_id, t.n]));
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind as PartnerKind,
    unitId: p.unit_id,
    unitName: p.unit_name,
    communeCount: communes.filter((c) => c.partner_id === p.id).length,
    trainings: Number(trainings.get(p.id) ?? 0),
    canEdit: canEdit(actor, p),
  }));
}

export async function listPartnersForActor(
  db: Db,
  actor: Actor,
  query: { q?: string; page: number; pageSize: number },
) {
  const { rows, total } = await listPartners(
    db,
    actor.scope,
    await linkedFor(db, actor),
    query.q ? foldText(query.q) : undefined,
    pageWindow(query),
  );
  return {
    items: await summaries(db, actor, rows),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** A page of the trainings the partner organised for members in the scope, newest first. */
export async function listPartnerTrainingsPage(
  db: Db,
  actor: Actor,
  id: string,
  query: SearchPageQuery,
) {
  await visiblePartner(db, actor, id);
  const { rows, total } = await listPartnerTrainings(
    db,
    actor.scope,
    id,
    foldedSearch(query),
    pageWindow(query),
  );
  const items = rows.map((r) => ({
    id: r.id,
    title: r.title,
    heldOn: r.held_on,
    present: r.present,
  }));
  return pageOf(items, total, query);
}

/** A page of the partner's contributions (in the scope), newest first. */
export async function listPartnerContributions(
  db: Db,
  actor: Actor,
  id: string,
  query: SearchPageQuery,
) {
  await visiblePartner(db, actor, id);
  const { rows, total } = await listContributions(
    db,
    actor.scope,
    id,
    foldedSearch(query),
    pageWindow(query),
  );
  const items = rows.map((c) => ({
    id: c.id,
    communeId: c.commune_id,
    communeName: c.commune_name,
    kind: c.kind as ContributionKind,
    quantity: c.quantity,
    description: c.description,
    contributedOn: c.contributed_on,
  }));
  return pageOf(items, total, query);
}

function communeIdOfHamletPath(path: string): string {
  const ids = path.split('/').filter(Boolean);
  return ids[ids.length - 2] ?? '';
}

export async function getPartnerDetail(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<PartnerDetailDto> {
  const p = await visiblePartner(db, actor, id);
  const [summary] = await summaries(db, actor, [p]);
  const communes = await communesOf(db, [id]);
  const contributions = await contributionSums(db, actor.scope, id);
  const attendance = await partnerTrainingAttendance(db, actor.scope, id);
  const visibleCommunes = communes.filter((c) => actor.scope.contains(c.path));
  const names = new Map(communes.map((c) => [c.id, c.name]));
  const byCommune = sumContributions(
    visibleCommunes.map((c) => ({ id: c.id, name: c.name })),
    contributions.map((c) => ({
      communeId: c.commune_id,
      kind: c.kind as ContributionKind,
      quantity: c.quantity,
    })),
    attendance.map((a) => ({
      communeId: communeIdOfHamletPath(a.unit_path),
      trainingId: a.id,
      present: a.present,
    })),
  );
  const missingNames = byCommune.filter((r) => r.communeName === '').map((r) => r.communeId);
  if (missingNames.length > 0) {
    const units = await db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('id', 'in', missingNames)
      .execute();
    for (const u of units) names.set(u.id, u.name);
    for (const r of byCommune)
      if (r.communeName === '') r.communeName = names.get(r.communeId) ?? '';
  }
  const isOfficer = actor.role !== 'partner';
  return {
    ...summary,
    notes: p.notes,
    contacts: isOfficer
      ? (await contactsOf(db, id)).map((c) => ({
          fullName: c.full_name,
          role: c.role,
          phone: c.phone,
        }))
      : null,
    communes: communes.map((c) => ({ id: c.id, name: c.name })),
    byCommune,
  };
}

/** The communes asked, read in one query: each in the scope and under the managing unit. */
async function checkCommunes(db: Executor, actor: Actor, unitPath: string, ids: string[]) {
  const communes = await getUnitsInScope(db, actor.scope, ids, (i) => `body.communeIds.${i}`);
  for (const [i, c] of communes.entries())
    if (c.level !== 'commune' || !c.path.startsWith(unitPath))
      throw invalid(`body.communeIds.${i}`, 'Chỉ chọn xã thuộc địa bàn của đơn vị quản lý');
}

function contactRows(id: string, body: PartnerBody) {
  return body.contacts.map((c, i) => ({
    id: newId(),
    partner_id: id,
    full_name: cleanText(c.fullName),
    role: c.role,
    phone: c.phone,
    sort: i,
  }));
}

export async function createPartner(db: Db, actor: Actor, body: PartnerBody) {
  const unit = await getUnitInScope(db, actor.scope, body.unitId);
  if (unit.level === 'hamlet' || unit.level === 'commune')
    throw invalid('body.unitId', 'Doanh nghiệp đối tác do huyện hoặc tỉnh quản lý');
  const communeIds = [...new Set(body.communeIds)];
  await checkCommunes(db, actor, unit.path, communeIds);
  const id = newId();
  const now = nowIso();
  const name = cleanText(body.name);
  await db.transaction().execute(async (tx) => {
    await insertPartner(tx, {
      id,
      unit_id: unit.id,
      unit_path: unit.path,
      name,
      name_folded: foldText(name),
      kind: body.kind,
      notes: body.notes,
      is_demo: 0,
      created_at: now,
      updated_at: now,
    });
    await replaceContacts(tx, id, contactRows(id, body));
    await replaceCommunes(tx, id, communeIds);
    await recordAudit(tx, actor, {
      entity: 'partner',
      entityId: id,
      action: 'create',
      unitPath: unit.path,
      summary: { after: { name, kind: body.kind, communes: communeIds.length } },
    });
  });
  return getPartnerDetail(db, actor, id);
}

export async function updatePartnerDetails(db: Db, actor: Actor, id: string, body: PartnerBody) {
  const p = await visiblePartner(db, actor, id);
  if (!canEdit(actor, p))
    throw new AppError('forbidden', 'Chỉ đơn vị quản lý được sửa doanh nghiệp');
  if (body.unitId !== p.unit_id) throw invalid('body.unitId', 'Không đổi được đơn vị quản lý');
  const communeIds = [...new Set(body.communeIds)];
  await checkCommunes(db, actor, p.unit_path, communeIds);
  const name = cleanText(body.name);
  await db.transaction().execute(async (tx) => {
    await updatePartner(tx, id, {
      name,
      name_folded: foldText(name),
      kind: body.kind,
      notes: body.notes,
      updated_at: nowIso(),
    });
    await replaceContacts(tx, id, contactRows(id, body));
    await replaceCommunes(tx, id, communeIds);
    await recordAudit(tx, actor, {
      entity: 'partner',
      entityId: id,
      action: 'update',
      unitPath: p.unit_path,
      summary: { before: { name: p.name }, after: { name, communes: communeIds.length } },
    });
  });
  return getPartnerDetail(db, actor, id);
}

/** A contribution in one of the partner's communes; a partner user records for its own only. */
export async function addContribution(
  db: Db,
  actor: Actor,
  id: string,
  body: {
    communeId: string;
    kind: ContributionKind;
    quantity: number;
    description: string;
    contributedOn: string;
  },
) {
  const p = await visiblePartner(db, actor, id);
  const commune = await getUnitInScope(db, actor.scope, body.communeId);
  const communes = await communesOf(db, [id]);
  if (!communes.some((c) => c.id === commune.id))
    throw invalid('body.communeId', 'Doanh nghiệp chưa được giao hỗ trợ xã này');
  if (body.contributedOn > todayInVietnam())
    throw invalid('body.contributedOn', 'Ngày đóng góp không được sau hôm nay');
  const rowId = newId();
  await db.transaction().execute(async (tx) => {
    await insertContribution(tx, {
      id: rowId,
      partner_id: p.id,
      commune_id: commune.id,
      unit_path: commune.path,
      kind: body.kind,
      quantity: body.quantity,
      description: body.description,
      description_folded: foldText(body.description),
      contributed_on: body.contributedOn,
      created_by: actor.userId,
      created_at: nowIso(),
    });
    await recordAudit(tx, actor, {
      entity: 'partner_contribution',
      entityId: rowId,
      action: 'create',
      unitPath: commune.path,
      summary: { after: { partnerId: p.id, kind: body.kind, quantity: body.quantity } },
    });
  });
  return getPartnerDetail(db, actor, id);
}

/** Links a user with the partner role to the enterprise (officers managing the partner). */
export async function linkPartnerUser(db: Db, actor: Actor, id: string, userId: string) {
  const p = await visiblePartner(db, actor, id);
  if (!canEdit(actor, p)) throw new AppError('forbidden', 'Chỉ đơn vị quản lý được gán tài khoản');
  const user = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.role', 'units.path'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!user || !actor.scope.contains(user.path)) throw notFound('Không tìm thấy tài khoản');
  if (user.role !== 'partner')
    throw invalid('body.userId', 'Chỉ gán tài khoản có vai trò doanh nghiệp đối tác');
  await db.transaction().execute(async (tx) => {
    await linkUser(tx, userId, id);
    await recordAudit(tx, actor, {
      entity: 'partner',
      entityId: id,
      action: 'link_user',
      unitPath: p.unit_path,
      summary: { after: { userId } },
    });
  });
  return getPartnerDetail(db, actor, id);
}
