import type { Db } from '../../db/db';
import { LIST_WALK, mayWalk, type WalkTuning } from '../../lib/paging';
import { inScope, startsWith } from '../../lib/sql';
import type { Scope } from '../../lib/scope';

/** What the support records list is filtered by (`GET /api/supports`). */
export interface SupportFilters {
  /** A unit inside the scope (checked by the caller), or none: the whole scope. */
  unit?: { id: string; path: string } | null;
  residentId?: string;
  platformId?: string;
  outcome?: string;
  from?: string;
  to?: string;
  includeVoided?: boolean;
}

/**
 * The scope's records with the filters, without joins. `unindexed`: SQLite may not take the
 * scope's index, and walks `support_records_newest` in the list's order instead.
 */
function filtered(db: Db, scope: Scope, f: SupportFilters, unindexed = false) {
  let q = db.selectFrom('support_records as s').where(inScope(scope, 's.unit_path', { unindexed }));
  if (f.unit) q = q.where(startsWith('s.unit_path', f.unit.path, { unindexed }));
  if (f.residentId) q = q.where('s.resident_id', '=', f.residentId);
  if (f.platformId) q = q.where('s.platform_id', '=', f.platformId);
  if (f.outcome) q = q.where('s.outcome', '=', f.outcome);
  if (f.from) q = q.where('s.supported_on', '>=', f.from);
  if (f.to) q = q.where('s.supported_on', '<=', f.to);
  if (!f.includeVoided) q = q.where('s.voided_by', 'is', null);
  return q;
}

/**
 * The units whose kept counts (`support_counts`, `support_counts_daily`: the records not voided,
 * per unit and every unit above, platform, outcome, month and day) give the list's total, or null
 * when they cannot (one resident's records: counted plainly).
 */
async function countedUnits(db: Db, scope: Scope, f: SupportFilters): Promise<string[] | null> {
  if (f.residentId) return null;
  if (f.unit) return [f.unit.id];
  if (!scope.all) return scope.unitId ? [scope.unitId] : null;
  const roots = await db.selectFrom('units').select('id').where('parent_id', 'is', null).execute();
  return roots.map((r) => r.id);
}

/**
 * The list's total. From the kept counts where they apply (one province: ~300 rows summed instead
 * of 4.7 M records counted, 0.6–2 s on SQLite); they are written in the transaction of every
 * record and void, so they are the same number (the tests compare both). With the voided records
 * shown, those are added, counted from their own small index (`support_records_voided`).
 */
export async function countSupportRecords(
  db: Db,
  scope: Scope,
  f: SupportFilters,
): Promise<number> {
  const units = await countedUnits(db, scope, f);
  if (units === null || units.length === 0) return countPlainly(db, scope, f);
  const kept = await keptCount(db, units, f);
  return f.includeVoided ? kept + (await countPlainly(db, scope, f, 'voided')) : kept;
}

async function countPlainly(db: Db, scope: Scope, f: SupportFilters, only?: 'voided') {
  const [{ total }] = await filtered(db, scope, f)
    .$if(only === 'voided', (q) => q.where('s.voided_by', 'is not', null))
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .execute();
  return Number(total);
}

/** The records not voided of some units, from the kept counts (per day with a date range). */
async function keptCount(db: Db, units: string[], f: SupportFilters): Promise<number> {
  if (f.from || f.to) {
    let q = db
      .selectFrom('support_counts_daily')
      .select((eb) => eb.fn.sum<number>('count').as('total'))
      .where('unit_id', 'in', units);
    if (f.from) q = q.where('day', '>=', f.from);
    if (f.to) q = q.where('day', '<=', f.to);
    if (f.platformId) q = q.where('platform_id', '=', f.platformId);
    if (f.outcome) q = q.where('outcome', '=', f.outcome);
    return Number((await q.executeTakeFirst())?.total ?? 0);
  }
  let q = db
    .selectFrom('support_counts')
    .select((eb) => eb.fn.sum<number>('count').as('total'))
    .where('unit_id', 'in', units);
  if (f.platformId) q = q.where('platform_id', '=', f.platformId);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  return Number((await q.executeTakeFirst())?.total ?? 0);
}

/** One page of the list, newest first (stable by id), with what the list shows of each record. */
async function readPage(
  db: Db,
  scope: Scope,
  f: SupportFilters,
  page: { limit: number; offset: number },
  walk?: { floor: string | undefined },
) {
  let q = filtered(db, scope, f, walk !== undefined);
  if (walk?.floor) q = q.where('s.supported_on', '>=', walk.floor);
  return q
    .innerJoin('residents as r', 'r.id', 's.resident_id')
    .innerJoin('units as h', 'h.id', 's.hamlet_id')
    .innerJoin('platforms as p', 'p.id', 's.platform_id')
    .leftJoin('users as u', 'u.id', 's.recorded_by')
    .select([
      's.id',
      's.resident_id',
      'r.full_name',
      'h.name as hamlet_name',
      's.platform_id',
      'p.name as platform_name',
      's.outcome',
      's.supported_on',
      's.note',
      's.voids_id',
      's.voided_by',
      'u.full_name as recorded_by_name',
    ])
    .orderBy('s.supported_on', 'desc')
    .orderBy('s.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/**
 * The support records of a scope, newest first, a page and the total.
 *
 * In a large scope (a district's 650,000 records, a province's 4.7 M) the page walks the newest
 * records of every scope (`support_records_newest`) and keeps the scope's, instead of sorting the
 * whole scope. The walk is bounded: only records dated on or after the `walk`-th newest (within the
 * date filter) are read. When these give a full page, it is exactly the page of the plain order
 * (everything not read is older); otherwise (a scope whose records are all old, a rare filter, the
 * last page) the page is read the plain way. A one-resident list is always read plainly.
 */
export async function listSupportRecords(
  db: Db,
  scope: Scope,
  f: SupportFilters,
  page: { limit: number; offset: number },
  tuning: WalkTuning = LIST_WALK,
) {
  const total = await countSupportRecords(db, scope, f);
  if (!f.residentId && mayWalk(total, page, tuning)) {
    let edge = db.selectFrom('support_records').select('supported_on');
    if (f.from) edge = edge.where('supported_on', '>=', f.from);
    if (f.to) edge = edge.where('supported_on', '<=', f.to);
    const floor = await edge
      .orderBy('supported_on', 'desc')
      .orderBy('id')
      .limit(1)
      .offset(tuning.walk - 1)
      .executeTakeFirst();
    const rows = await readPage(db, scope, f, page, { floor: floor?.supported_on });
    // No floor: the date range holds fewer records than the walk, all of them read.
    if (rows.length === page.limit || !floor) return { rows, total };
  }
  return { rows: await readPage(db, scope, f, page), total };
}
