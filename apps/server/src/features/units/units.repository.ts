import { sql } from 'kysely';
import type { Executor } from '../../db/db';
import type { UnitsTable } from '../../db/schema';
import type { Scope } from '../../lib/scope';
import { contains, inScope } from '../../lib/sql';

export type UnitRow = UnitsTable;

export interface UnitListFilter {
  parentId?: string;
  rootsOfScope?: boolean;
  folded?: string;
  level?: string;
  activeOn?: string;
}

function isActiveOn(date: string) {
  return sql<boolean>`(units.valid_to IS NULL OR units.valid_to > ${date})`;
}

export async function findUnitById(db: Executor, id: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUnitInScope(
  db: Executor,
  scope: Scope,
  id: string,
): Promise<UnitRow | undefined> {
  return db
    .selectFrom('units')
    .selectAll()
    .where('id', '=', id)
    .where(inScope(scope, 'units.path'))
    .executeTakeFirst();
}

/** The units among `ids` that lie in the scope, in one query. */
export async function findUnitsInScope(db: Executor, scope: Scope, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('units')
    .selectAll()
    .where('id', 'in', ids)
    .where(inScope(scope, 'units.path'))
    .execute();
}

export async function listUnits(
  db: Executor,
  scope: Scope,
  filter: UnitListFilter,
  page: { limit: number; offset: number },
) {
  let q = db.selectFrom('units').where(inScope(scope, 'units.path'));
  if (filter.parentId) q = q.where('units.parent_id', '=', filter.parentId);
  else if (filter.rootsOfScope && !filter.folded) {
    q = scope.all
      ? q.where('units.parent_id', 'is', null)
      : q.where('units.id', '=', scope.unitId ?? '');
  }
  if (filter.folded) q = q.where(contains('units.name_folded', filter.folded));
  if (filter.level) q = q.where('units.level', '=', filter.level);
  if (filter.activeOn) q = q.where(isActiveOn(filter.activeOn));
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q
    .selectAll('units')
    .select((eb) =>
      eb
        .selectFrom('units as c')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('c.parent_id', '=', 'units.id')
        .where(
          sql<boolean>`(c.valid_to IS NULL OR c.valid_to > ${filter.activeOn ?? '0000-00-00'})`,
        )
        .as('child_count'),
    )
    .orderBy(sql`CASE WHEN units.code IS NULL THEN 1 ELSE 0 END`)
    .orderBy('units.code')
    .orderBy('units.name_folded')
    .orderBy('units.name')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total) };
}

export async function countActiveChildren(db: Executor, id: string, on: string): Promise<number> {
  const r = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .where(isActiveOn(on))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findUnitsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('units')
    .select(['id', 'name', 'path', 'level'])
    .where('id', 'in', ids)
    .execute();
}

export async function findSuccessors(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('unit_successors').selectAll().where('unit_id', 'in', ids).execute();
}

export async function findActiveSiblingByFoldedName(
  db: Executor,
  parentId: string,
  folded: string,
  on: string,
  exceptId?: string,
) {
  let q = db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('parent_id', '=', parentId)
    .where('name_folded', '=', folded)
    .where(isActiveOn(on));
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

export async function findActiveByCode(db: Executor, codes: string[], on: string) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('units')
    .selectAll()
    .where('code', 'in', codes)
    .where(isActiveOn(on))
    .execute();
}

export async function insertUnit(db: Executor, row: UnitRow): Promise<void> {
  await db.insertInto('units').values(row).execute();
}

export async function updateUnit(
  db: Executor,
  id: string,
  changes: Partial<Omit<UnitRow, 'id'>>,
): Promise<void> {
  await db.updateTable('units').set(changes).where('id', '=', id).execute();
}

export async function insertSuccessors(db: Executor, unitId: string, successorIds: string[]) {
  if (successorIds.length === 0) return;
  await db
    .insertInto('unit_successors')
    .values(successorIds.map((s) => ({ unit_id: unitId, successor_id: s })))
    .execute();
}

export async function countUnits(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
