import type {
  CreateHamletBody,
  ListUnitsQuery,
  RetireUnitBody,
  UnitDto,
  UnitKind,
} from '@toso/domain/units';
import { unitDisplayName } from '@toso/domain/units';
import { hasPermission, type UnitLevel } from '@toso/domain/roles';
import { cleanText, foldText } from '@toso/domain/text';
import type { Db, Executor } from '../../db/db';
import { AppError, forbidden, invalid, notFound } from '../../lib/app-error';
import { newId, nowIso, todayInVietnam } from '../../lib/ids';
import type { Scope } from '../../lib/scope';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import {
  countActiveChildren,
  findActiveSiblingByFoldedName,
  findSuccessors,
  findUnitInScope,
  findUnitsInScope,
  findUnitsByIds,
  insertSuccessors,
  insertUnit,
  listUnits,
  updateUnit,
  type UnitRow,
} from './units.repository';
import { pageWindow } from '../../lib/paging';

/** The unit if it lies in the scope; otherwise "not found", so nothing outside leaks. */
export async function getUnitInScope(db: Executor, scope: Scope, id: string): Promise<UnitRow> {
  const unit = await findUnitInScope(db, scope, id);
  if (!unit) throw notFound('Không tìm thấy đơn vị');
  return unit;
}

/**
 * Several units in the scope, read in one query and returned in the order asked. The first id
 * not found (or outside the scope) answers 404 naming its place in the request (`pathOf(i)`).
 */
export async function getUnitsInScope(
  db: Executor,
  scope: Scope,
  ids: string[],
  pathOf: (index: number) => string,
): Promise<UnitRow[]> {
  const found = new Map(
    (await findUnitsInScope(db, scope, [...new Set(ids)])).map((u) => [u.id, u]),
  );
  return ids.map((id, i) => {
    const unit = found.get(id);
    if (!unit)
      throw new AppError('not_found', 'Không tìm thấy đơn vị', [
        { path: pathOf(i), message: 'Không tìm thấy đơn vị hoặc đơn vị ngoài phạm vi của bạn' },
      ]);
    return unit;
  });
}

function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

async function toDtos(
  db: Executor,
  scope: Scope,
  rows: (UnitRow & { child_count?: number | string | null })[],
): Promise<UnitDto[]> {
  const ancestorIds = [...new Set(rows.flatMap((r) => pathIds(r.path)))];
  const ancestors = new Map((await findUnitsByIds(db, ancestorIds)).map((a) => [a.id, a]));
  const successors = await findSuccessors(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    level: r.level as UnitLevel,
    kind: r.kind as UnitKind,
    code: r.code,
    name: r.name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    isDemo: r.is_demo === 1,
    childCount: Number(r.child_count ?? 0),
    successorIds: successors.filter((s) => s.unit_id === r.id).map((s) => s.successor_id),
    // Ancestors above the user's own unit are shown by name only if the scope reaches them.
    path: pathIds(r.path)
      .map((id) => ancestors.get(id))
      .filter((a): a is NonNullable<typeof a> => a !== undefined && scope.contains(a.path))
      .map((a) => ({ id: a.id, name: a.name })),
  }));
}

export async function listUnitsForActor(db: Db, actor: Actor, query: ListUnitsQuery) {
  const folded = query.q ? foldText(query.q) : undefined;
  if (query.parentId) await getUnitInScope(db, actor.scope, query.parentId);
  const { rows, total } = await listUnits(
    db,
    actor.scope,
    {
      parentId: query.parentId,
      rootsOfScope: !query.parentId,
      folded: folded || undefined,
      level: query.level,
      activeOn: query.includeRetired === '1' ? undefined : todayInVietnam(),
    },
    pageWindow(query),
  );
  return {
    items: await toDtos(db, actor.scope, rows),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getUnitForActor(db: Db, actor: Actor, id: string): Promise<UnitDto> {
  const unit = await getUnitInScope(db, actor.scope, id);
  const childCount = await countActiveChildren(db, id, todayInVietnam());
  const [dto] = await toDtos(db, actor.scope, [{ ...unit, child_count: childCount }]);
  return dto;
}

function assertMayEdit(actor: Actor, unit: { level: string }): void {
  const needed = unit.level === 'hamlet' ? 'units:write_hamlet' : 'units:write';
  if (!hasPermission(actor.role, needed)) throw forbidden();
}

async function assertNameFree(
  db: Executor,
  parentId: string,
  name: string,
  exceptId?: string,
): Promise<void> {
  const clash = await findActiveSiblingByFoldedName(
    db,
    parentId,
    foldText(name),
    todayInVietnam(),
    exceptId,
  );
  if (clash) {
    throw new AppError('conflict', `Đã có đơn vị "${clash.name}" trong cùng đơn vị cấp trên`, [
      { path: 'body.name', message: `Trùng tên với "${clash.name}"` },
    ]);
  }
}

export async function createHamlet(db: Db, actor: Actor, body: CreateHamletBody): Promise<UnitDto> {
  const parent = await getUnitInScope(db, actor.scope, body.parentId);
  if (parent.level !== 'commune') {
    throw invalid('body.parentId', 'Xóm, thôn, tổ dân phố phải thuộc một xã, phường hoặc thị trấn');
  }
  if (parent.valid_to !== null && parent.valid_to <= todayInVietnam()) {
    throw invalid('body.parentId', 'Đơn vị cấp trên đã hết hiệu lực');
  }
  assertMayEdit(actor, { level: 'hamlet' });
  const name = cleanText(unitDisplayName(body.kind, cleanText(body.name)));
  const id = newId();
  const now = nowIso();
  const row: UnitRow = {
    id,
    parent_id: parent.id,
    level: 'hamlet',
    kind: body.kind,
    code: null,
    name,
    name_folded: foldText(name),
    path: `${parent.path}${id}/`,
    valid_from: todayInVietnam(),
    valid_to: null,
    is_demo: 0,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (tx) => {
    await assertNameFree(tx, parent.id, name);
    await insertUnit(tx, row);
    await recordAudit(tx, actor, {
      entity: 'unit',
      entityId: id,
      action: 'create',
      unitPath: row.path,
      summary: { after: { name, kind: body.kind, parentId: parent.id } },
    });
  });
  return getUnitForActor(db, actor, id);
}

export async function renameUnit(
  db: Db,
  actor: Actor,
  id: string,
  rawName: string,
): Promise<UnitDto> {
  const unit = await getUnitInScope(db, actor.scope, id);
  assertMayEdit(actor, unit);
  const name = cleanText(
    unit.level === 'hamlet' ? unitDisplayName(unit.kind as UnitKind, cleanText(rawName)) : rawName,
  );
  if (name === unit.name) return getUnitForActor(db, actor, id);
  await db.transaction().execute(async (tx) => {
    if (unit.parent_id) await assertNameFree(tx, unit.parent_id, name, unit.id);
    await updateUnit(tx, id, { name, name_folded: foldText(name), updated_at: nowIso() });
    await recordAudit(tx, actor, {
      entity: 'unit',
      entityId: id,
      action: 'rename',
      unitPath: unit.path,
      summary: { before: { name: unit.name }, after: { name } },
    });
  });
  return getUnitForActor(db, actor, id);
}

export async function retireUnit(
  db: Db,
  actor: Actor,
  id: string,
  body: RetireUnitBody,
): Promise<UnitDto> {
  const unit = await getUnitInScope(db, actor.scope, id);
  assertMayEdit(actor, unit);
  if (actor.scope.unitId === unit.id)
    throw forbidden('Bạn không thể giải thể đơn vị của chính mình');
  if (unit.valid_to !== null) throw new AppError('conflict', 'Đơn vị này đã hết hiệu lực');
  if (unit.valid_from && body.validTo < unit.valid_from) {
    throw invalid('body.validTo', 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực');
  }
  const successorIds = [...new Set(body.successorIds)].filter((s) => s !== id);
  const successors = await getUnitsInScope(
    db,
    actor.scope,
    successorIds,
    (i) => `body.successorIds.${body.successorIds.indexOf(successorIds[i])}`,
  );
  if (successors.some((s) => s.level !== unit.level)) {
    throw invalid('body.successorIds', 'Đơn vị kế thừa phải cùng cấp');
  }
  const activeChildren = await countActiveChildren(db, id, body.validTo);
  if (activeChildren > 0) {
    throw new AppError('conflict', 'Đơn vị còn đơn vị trực thuộc đang hiệu lực', [
      { path: 'id', message: `Còn ${activeChildren} đơn vị trực thuộc` },
    ]);
  }
  await db.transaction().execute(async (tx) => {
    await updateUnit(tx, id, { valid_to: body.validTo, updated_at: nowIso() });
    await insertSuccessors(tx, id, successorIds);
    await recordAudit(tx, actor, {
      entity: 'unit',
      entityId: id,
      action: 'retire',
      unitPath: unit.path,
      summary: { before: { validTo: null }, after: { validTo: body.validTo, successorIds } },
    });
  });
  return getUnitForActor(db, actor, id);
}
