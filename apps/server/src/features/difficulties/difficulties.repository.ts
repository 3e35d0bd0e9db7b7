import { sql } from 'kysely';
import type { Executor } from '../../db/db';
import type { DifficultiesTable, DifficultyEventsTable } from '../../db/schema';
import type { Scope } from '../../lib/scope';
import { contains, inScope, startsWith } from '../../lib/sql';

export type DifficultyRow = DifficultiesTable;
export type DifficultyEventRow = DifficultyEventsTable;

const columns = [
  'difficulties.id',
  'difficulties.unit_id',
  'difficulties.unit_path',
  'difficulties.report_id',
  'difficulties.category',
  'difficulties.urgency',
  'difficulties.title',
  'difficulties.status',
  'difficulties.handler_unit_id',
  'difficulties.assignee_id',
  'difficulties.raised_by',
  'difficulties.raised_at',
  'difficulties.due_at',
  'difficulties.is_demo',
  'unit.name as unit_name',
  'unit.level as unit_level',
  'handler.name as handler_name',
  'handler.level as handler_level',
  'handler.parent_id as handler_parent_id',
  'raiser.full_name as raiser_name',
  'assignee.full_name as assignee_name',
] as const;

function baseQuery(db: Executor, scope: Scope) {
  return db
    .selectFrom('difficulties')
    .innerJoin('units as unit', 'unit.id', 'difficulties.unit_id')
    .innerJoin('units as handler', 'handler.id', 'difficulties.handler_unit_id')
    .leftJoin('users as raiser', 'raiser.id', 'difficulties.raised_by')
    .leftJoin('users as assignee', 'assignee.id', 'difficulties.assignee_id')
    .where(inScope(scope, 'difficulties.unit_path'));
}

export type DifficultyView = NonNullable<Awaited<ReturnType<typeof findDifficultyInScope>>>;

export async function findDifficultyInScope(db: Executor, scope: Scope, id: string) {
  return baseQuery(db, scope)
    .select(columns)
    .select([
      'difficulties.description',
      'difficulties.answer',
      'difficulties.answered_at',
      'difficulties.answered_by',
      'difficulties.resolved_at',
      'difficulties.reopen_count',
    ])
    .where('difficulties.id', '=', id)
    .executeTakeFirst();
}

export type DifficultyListRow = Awaited<ReturnType<typeof listDifficulties>>['rows'][number];

export interface DifficultyFilter {
  /** Raised by this user or by this unit. */
  mine?: { userId: string; unitId: string | null };
  /** Waiting at this unit. */
  handlerUnitId?: string;
  unitPath?: string;
  status?: string;
  state?: 'unresolved' | 'overdue';
  category?: string;
  urgency?: string;
  folded?: string;
}

export async function listDifficulties(
  db: Executor,
  scope: Scope,
  filter: DifficultyFilter,
  page: { limit: number; offset: number },
  now: string,
) {
  let q = baseQuery(db, scope);
  const mine = filter.mine;
  if (mine) {
    q = q.where((eb) =>
      eb.or([
        eb('difficulties.raised_by', '=', mine.userId),
        ...(mine.unitId ? [eb('difficulties.unit_id', '=', mine.unitId)] : []),
      ]),
    );
  }
  if (filter.handlerUnitId) q = q.where('difficulties.handler_unit_id', '=', filter.handlerUnitId);
  if (filter.unitPath) q = q.where(startsWith('difficulties.unit_path', filter.unitPath));
  if (filter.status) q = q.where('difficulties.status', '=', filter.status);
  if (filter.state) q = q.where('difficulties.status', '!=', 'resolved');
  if (filter.state === 'overdue') q = q.where('difficulties.due_at', '<', now);
  if (filter.category) q = q.where('difficulties.category', '=', filter.category);
  if (filter.urgency) q = q.where('difficulties.urgency', '=', filter.urgency);
  if (filter.folded) q = q.where(contains('difficulties.search_folded', filter.folded));
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q
    .select(columns)
    // Unresolved first, the most overdue on top; resolved ones newest first.
    .orderBy(sql`CASE WHEN difficulties.status = 'resolved' THEN 1 ELSE 0 END`)
    .orderBy(
      sql`CASE WHEN difficulties.status = 'resolved' THEN '' ELSE difficulties.due_at END`,
      'asc',
    )
    .orderBy('difficulties.raised_at', 'desc')
    .orderBy('difficulties.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total) };
}

/** Unresolved difficulties raised under `unitPath` (in scope): their unit path and due time. */
export async function listUnresolvedUnder(db: Executor, scope: Scope, unitPath: string) {
  return db
    .selectFrom('difficulties')
    .select(['unit_path', 'due_at'])
    .where(inScope(scope, 'unit_path'))
    .where(startsWith('unit_path', unitPath))
    .where('status', '!=', 'resolved')
    .execute();
}

/** Unresolved difficulties past their due time, for reminders. */
export async function listOverdue(db: Executor, now: string) {
  return db
    .selectFrom('difficulties')
    .select(['id', 'title', 'handler_unit_id', 'assignee_id', 'due_at', 'unit_id'])
    .where('status', '!=', 'resolved')
    .where('due_at', '<', now)
    .execute();
}

export async function insertDifficulty(db: Executor, row: DifficultyRow): Promise<void> {
  await db.insertInto('difficulties').values(row).execute();
}

/** Updates a difficulty only if it still has the status read before (optimistic check). */
export async function updateDifficulty(
  db: Executor,
  id: string,
  expectedStatus: string,
  changes: Partial<Omit<DifficultyRow, 'id'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('difficulties')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', expectedStatus)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertEvent(db: Executor, row: DifficultyEventRow): Promise<void> {
  await db.insertInto('difficulty_events').values(row).execute();
}

export async function listEvents(db: Executor, difficultyId: string) {
  return db
    .selectFrom('difficulty_events as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .leftJoin('users as a', 'a.id', 'e.assignee_id')
    .leftJoin('units as f', 'f.id', 'e.from_unit_id')
    .leftJoin('units as t', 't.id', 'e.to_unit_id')
    .select([
      'e.id',
      'e.at',
      'e.action',
      'e.note',
      'e.user_id',
      'u.full_name as user_name',
      'e.assignee_id',
      'a.full_name as assignee_name',
      'e.from_unit_id',
      'f.name as from_name',
      'f.level as from_level',
      'e.to_unit_id',
      't.name as to_name',
      't.level as to_level',
    ])
    .where('e.difficulty_id', '=', difficultyId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

/** Active officers of a unit who may be assigned its difficulties. */
export async function listOfficersOfUnit(db: Executor, unitId: string, roles: readonly string[]) {
  return db
    .selectFrom('users')
    .select(['id', 'full_name'])
    .where('unit_id', '=', unitId)
    .where('role', 'in', roles)
    .where('is_active', '=', 1)
    .orderBy('full_name_folded')
    .execute();
}
