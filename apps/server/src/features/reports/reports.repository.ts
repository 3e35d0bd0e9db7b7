import { sql } from 'kysely';
import type { Executor } from '../../db/db';
import type { Scope } from '../../lib/scope';
import { inScope } from '../../lib/sql';
import type { ReportActionsTable, ReportsTable } from '../../db/schema';

export type ReportRow = ReportsTable;

export async function findReport(db: Executor, id: string): Promise<ReportRow | undefined> {
  return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every version of the reports of these units for a period, highest version first. */
export async function reportsFor(db: Executor, unitIds: string[], periodKey: string) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('reports')
    .selectAll()
    .where('unit_id', 'in', unitIds)
    .where('period_key', '=', periodKey)
    .orderBy('version', 'desc')
    .execute();
}

/** The latest version of each unit's report among `rows` (sorted highest version first). */
export function latestByUnit(rows: ReportRow[]): Map<string, ReportRow> {
  const out = new Map<string, ReportRow>();
  for (const r of rows) if (!out.has(r.unit_id)) out.set(r.unit_id, r);
  return out;
}

/** The highest approved version of each unit's report among `rows`. */
export function approvedByUnit(rows: ReportRow[]): Map<string, ReportRow> {
  return latestByUnit(rows.filter((r) => r.status === 'approved'));
}

export async function insertReport(db: Executor, row: ReportRow) {
  await db.insertInto('reports').values(row).execute();
}

/**
 * Updates a report only if its status is one of `from`: the lock is in the WHERE clause, so two
 * racing requests cannot both move it. Returns whether a row changed.
 */
export async function updateReportIf(
  db: Executor,
  id: string,
  from: string[],
  patch: Partial<ReportRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('reports')
    .set(patch)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertAction(db: Executor, row: ReportActionsTable) {
  await db.insertInto('report_actions').values(row).execute();
}

export async function listActions(db: Executor, reportIds: string[]) {
  if (reportIds.length === 0) return [];
  return db
    .selectFrom('report_actions')
    .selectAll()
    .where('report_id', 'in', reportIds)
    .orderBy('at', 'asc')
    .orderBy('id', 'asc')
    .execute();
}

/** Current child units of a unit at a level, ordered as the lists show them. */
export async function childUnits(db: Executor, parentId: string, level: string, on: string) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'path', 'level', 'parent_id'])
    .where('parent_id', '=', parentId)
    .where('level', '=', level)
    .where('valid_from', '<=', on)
    .where(sql<boolean>`(valid_to IS NULL OR valid_to > ${on})`)
    .orderBy('code')
    .orderBy('name_folded')
    .execute();
}

/**
 * Current child units at a level of several parents, in the parents' order and, under each, as
 * `childUnits` orders them: one query for what would be one per parent.
 */
export async function childUnitsOf(db: Executor, parentIds: string[], level: string, on: string) {
  if (parentIds.length === 0) return [];
  const rows = await db
    .selectFrom('units')
    .select(['id', 'name', 'path', 'level', 'parent_id'])
    .where('parent_id', 'in', parentIds)
    .where('level', '=', level)
    .where('valid_from', '<=', on)
    .where(sql<boolean>`(valid_to IS NULL OR valid_to > ${on})`)
    .orderBy('code')
    .orderBy('name_folded')
    .execute();
  const order = new Map(parentIds.map((id, i) => [id, i]));
  // Array sort is stable: the database's order is kept under each parent.
  return rows.sort((a, b) => order.get(a.parent_id!)! - order.get(b.parent_id!)!);
}

/** Hamlets among `hamletIds` that had an established team by `on`. */
export async function hamletsWithTeam(db: Executor, hamletIds: string[], on: string) {
  if (hamletIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('teams')
    .select('hamlet_id')
    .where('hamlet_id', 'in', hamletIds)
    .where('established_on', 'is not', null)
    .where('established_on', '<=', on)
    .where((eb) => eb.or([eb('dissolved_on', 'is', null), eb('dissolved_on', '>', on)]))
    .execute();
  return new Set(rows.map((r) => r.hamlet_id));
}

/** Difficulties raised from any of these reports, inside the scope, oldest first. */
export async function difficultiesRaisedFrom(db: Executor, scope: Scope, reportIds: string[]) {
  if (reportIds.length === 0) return [];
  return db
    .selectFrom('difficulties')
    .select(['id', 'title', 'status'])
    .where('report_id', 'in', reportIds)
    .where(inScope(scope, 'difficulties.unit_path'))
    .orderBy('raised_at')
    .orderBy('id')
    .execute();
}
