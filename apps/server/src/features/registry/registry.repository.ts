import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db, Executor, Tx } from '../../db/db';
import type { Database, HouseholdsTable, ResidentsTable } from '../../db/schema';
import type { Scope } from '../../lib/scope';
import { bulkInsert, type BulkColumns } from '../../lib/bulk-insert';
import { contains, inScope, startsWith } from '../../lib/sql';
import { countNewHouseholds, keepCoverageCounts } from '../dashboard/coverage-counts';
import { countNewResidents } from '../dashboard/kpi-counts';

export type HouseholdRow = HouseholdsTable;
export type ResidentRow = ResidentsTable;

const residentColumns = [
  'residents.id',
  'residents.household_id',
  'residents.hamlet_id',
  'residents.unit_path',
  'residents.full_name',
  'residents.full_name_folded',
  'residents.sex',
  'residents.birth_year',
  'residents.relation',
  'residents.phone',
  'residents.national_id_last4',
  'residents.ethnicity',
  'residents.notes',
  'residents.status',
  'households.head_name as household_head',
  'households.address as household_address',
  'hamlet.name as hamlet_name',
] as const;

function residentsBase(db: Executor, scope: Scope) {
  return db
    .selectFrom('residents')
    .innerJoin('households', 'households.id', 'residents.household_id')
    .innerJoin('units as hamlet', 'hamlet.id', 'residents.hamlet_id')
    .where(inScope(scope, 'residents.unit_path'));
}

export type ResidentView = NonNullable<Awaited<ReturnType<typeof findResidentInScope>>>;

export async function findResidentInScope(db: Executor, scope: Scope, id: string) {
  return residentsBase(db, scope)
    .select(residentColumns)
    .where('residents.id', '=', id)
    .executeTakeFirst();
}

export interface ResidentFilter {
  unitPath?: string;
  householdId?: string;
  folded?: string;
  phoneDigits?: string;
  birthYear?: number;
  /** Residents behind a KPI figure (see dashboard/kpi-filter.ts). */
  kpi?: (eb: ExpressionBuilder<Database, 'residents'>) => Expression<SqlBool>;
  dialect: 'sqlite' | 'postgres';
  /** The search covers one commune or hamlet: its index on (unit_path, name) beats the trigrams. */
  narrowScope?: boolean;
}

/** A quoted FTS5 phrase: the trigram tokenizer then matches it as a substring. */
function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** At most this many matches are counted; a list longer than that says "1,000 or more". */
export const SEARCH_COUNT_CAP = 1000;

export async function searchResidents(
  db: Executor,
  scope: Scope,
  f: ResidentFilter,
  page: { limit: number; offset: number },
) {
  const filtered = <Q extends ReturnType<typeof residentsOnly>>(q: Q, useTrigrams: boolean): Q => {
    let out = q.where('residents.status', '=', 'active') as Q;
    if (f.unitPath) out = out.where(startsWith('residents.unit_path', f.unitPath)) as Q;
    if (f.householdId) out = out.where('residents.household_id', '=', f.householdId) as Q;
    if (f.birthYear) out = out.where('residents.birth_year', '=', f.birthYear) as Q;
    if (f.phoneDigits) out = out.where(contains('residents.phone', f.phoneDigits)) as Q;
    if (f.kpi) out = out.where(f.kpi) as Q;
    if (f.folded) {
      const folded = f.folded;
      out = (
        useTrigrams && !f.narrowScope && f.dialect === 'sqlite' && folded.length >= 3
          ? out.where(
              sql<boolean>`residents.rowid IN (SELECT rowid FROM residents_fts WHERE residents_fts MATCH ${ftsPhrase(folded)})`,
            )
          : out.where(contains('residents.full_name_folded', folded))
      ) as Q;
    }
    return out;
  };
  if (f.folded && f.narrowScope && f.dialect === 'postgres') {
    const found = await narrowPostgresSearch(db, scope, f, f.folded, page);
    if (found) return found;
  }
  // Count at most SEARCH_COUNT_CAP + 1 matches: a common name in a province need not be counted in full.
  const counted = await db
    .selectFrom(
      filtered(residentsOnly(db, scope), true)
        .select(sql`1`.as('one'))
        .limit(SEARCH_COUNT_CAP + 1)
        .as('m'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(counted.n);
  const common = total > SEARCH_COUNT_CAP;
  // Many matches: walk the scope's (unit_path, name) index in order and stop at the page.
  // Few matches: take them from the trigram index and sort them by name.
  let q = filtered(
    residentsBase(db, scope) as unknown as ReturnType<typeof residentsOnly>,
    !common,
  ) as unknown as ReturnType<typeof residentsBase>;
  q = common
    ? q.orderBy('residents.unit_path').orderBy('residents.full_name_folded')
    : q.orderBy('residents.full_name_folded');
  const rows = await q
    .select(residentColumns)
    .orderBy('residents.full_name')
    .orderBy('residents.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Math.min(total, SEARCH_COUNT_CAP), isCapped: common };
}

function residentsOnly(db: Executor, scope: Scope) {
  return db.selectFrom('residents').where(inScope(scope, 'residents.unit_path'));
}

export async function findDuplicateCandidates(
  db: Executor,
  communePath: string,
  c: {
    folded?: string;
    birthYear?: number | null;
    phone?: string | null;
    nidHash?: string | null;
    exceptId?: string;
  },
) {
  const conditions: ('name' | 'phone' | 'nid')[] = [];
  if (c.folded && c.birthYear) conditions.push('name' as const);
  if (c.phone) conditions.push('phone' as const);
  if (c.nidHash) conditions.push('nid' as const);
  if (conditions.length === 0) return [];
  let q = db
    .selectFrom('residents')
    .innerJoin('households', 'households.id', 'residents.household_id')
    .innerJoin('units as hamlet', 'hamlet.id', 'residents.hamlet_id')
    .select([
      'residents.id',
      'residents.full_name',
      'residents.full_name_folded',
      'residents.birth_year',
      'residents.phone',
      'residents.national_id_hash',
      'hamlet.name as hamlet_name',
      'households.head_name as household_head',
    ])
    .where('residents.status', '=', 'active')
    .where(startsWith('residents.unit_path', communePath))
    .where((eb) =>
      eb.or([
        ...(conditions.includes('name')
          ? [
              eb.and([
                eb('residents.full_name_folded', '=', c.folded as string),
                eb('residents.birth_year', '=', c.birthYear as number),
              ]),
            ]
          : []),
        ...(c.phone ? [eb('residents.phone', '=', c.phone)] : []),
        ...(c.nidHash ? [eb('residents.national_id_hash', '=', c.nidHash)] : []),
      ]),
    );
  if (c.exceptId) q = q.where('residents.id', '!=', c.exceptId);
  return q.limit(20).execute();
}

export async function insertResidents(db: Executor, rows: ResidentRow[]) {
  if (rows.length === 0) return;
  await db.insertInto('residents').values(rows).execute();
  await countNewResidents(db, rows);
}

const HOUSEHOLD_COLUMNS: BulkColumns<HouseholdRow> = [
  ['id', 'text'],
  ['hamlet_id', 'text'],
  ['unit_path', 'text'],
  ['address', 'text'],
  ['address_folded', 'text'],
  ['head_name', 'text'],
  ['head_name_folded', 'text'],
  ['phone', 'text'],
  ['notes', 'text'],
  ['is_demo', 'integer'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
];

const RESIDENT_COLUMNS: BulkColumns<ResidentRow> = [
  ['id', 'text'],
  ['household_id', 'text'],
  ['hamlet_id', 'text'],
  ['unit_path', 'text'],
  ['full_name', 'text'],
  ['full_name_folded', 'text'],
  ['sex', 'text'],
  ['birth_year', 'integer'],
  ['relation', 'text'],
  ['phone', 'text'],
  ['national_id_hash', 'text'],
  ['national_id_last4', 'text'],
  ['ethnicity', 'text'],
  ['notes', 'text'],
  ['status', 'text'],
  ['merged_into_id', 'text'],
  ['erased_at', 'text'],
  ['is_demo', 'integer'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
];

/**
 * Bulk insert of households and their residents inside an open transaction (an import): few
 * statements per batch, households first. The kept KPI counts are NOT moved here: the caller
 * counts the residents (`newResidentCounter`) and applies the counts once before committing.
 */
export async function insertImportBatch(
  db: Db,
  tx: Tx,
  households: readonly HouseholdRow[],
  residents: readonly ResidentRow[],
) {
  await bulkInsert(db, tx, 'households', HOUSEHOLD_COLUMNS, households);
  await bulkInsert(db, tx, 'residents', RESIDENT_COLUMNS, residents);
}

export async function updateResident(
  db: Executor,
  id: string,
  changes: Partial<Omit<ResidentRow, 'id'>>,
) {
  await db.updateTable('residents').set(changes).where('id', '=', id).execute();
}

export async function insertHouseholds(db: Executor, rows: HouseholdRow[]) {
  if (rows.length === 0) return;
  await db.insertInto('households').values(rows).execute();
  await countNewHouseholds(db, rows);
}

export async function updateHousehold(
  db: Executor,
  id: string,
  changes: Partial<Omit<HouseholdRow, 'id'>>,
) {
  const write = () => db.updateTable('households').set(changes).where('id', '=', id).execute();
  if (changes.hamlet_id === undefined) {
    await write();
    return;
  }
  // A move to another hamlet: both hamlets' kept coverage counts change.
  const before = await db
    .selectFrom('households')
    .select('hamlet_id')
    .where('id', '=', id)
    .executeTakeFirst();
  await keepCoverageCounts(db, [changes.hamlet_id, ...(before ? [before.hamlet_id] : [])], write);
}

function householdsBase(db: Executor, scope: Scope) {
  return db
    .selectFrom('households')
    .innerJoin('units as hamlet', 'hamlet.id', 'households.hamlet_id')
    .where(inScope(scope, 'households.unit_path'));
}

const householdColumns = [
  'households.id',
  'households.hamlet_id',
  'households.unit_path',
  'households.address',
  'households.head_name',
  'households.phone',
  'households.notes',
  'hamlet.name as hamlet_name',
] as const;

export type HouseholdView = NonNullable<Awaited<ReturnType<typeof findHouseholdInScope>>>;

export async function findHouseholdInScope(db: Executor, scope: Scope, id: string) {
  return householdsBase(db, scope)
    .select(householdColumns)
    .where('households.id', '=', id)
    .executeTakeFirst();
}

export async function listHouseholds(
  db: Executor,
  scope: Scope,
  f: { unitPath?: string; folded?: string },
  page: { limit: number; offset: number },
) {
  let q = householdsBase(db, scope);
  if (f.unitPath) q = q.where(startsWith('households.unit_path', f.unitPath));
  if (f.folded) {
    const folded = f.folded;
    q = q.where((eb) =>
      eb.or([
        contains('households.head_name_folded', folded),
        contains('households.address_folded', folded),
      ]),
    );
  }
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q
    .select(householdColumns)
    .select((eb) =>
      eb
        .selectFrom('residents')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('residents.household_id', '=', 'households.id')
        .where('residents.status', '=', 'active')
        .as('resident_count'),
    )
    .orderBy('households.head_name_folded')
    .orderBy('households.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total) };
}

export async function latestConsents(db: Executor, residentIds: string[]) {
  if (residentIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('consents')
    .select(['resident_id', 'status', 'recorded_on', 'created_at'])
    .where('resident_id', 'in', residentIds)
    .orderBy('recorded_on')
    .orderBy('created_at')
    .execute();
  return new Map(rows.map((r) => [r.resident_id, r.status]));
}

/**
 * A name searched inside a commune or a hamlet on PostgreSQL. Left to itself the planner takes the
 * trigram index, whose common trigrams ("thi", "ngu", "van") cover most of a province: one query
 * took 5–8 s on 1,000,000 residents. Here the matches' ids come from an index-only scan of the
 * scope's part of `residents_scope_name` (unit path, folded name, status, id: no table page is
 * read), so the cost follows the size of the commune, not of the registry; the concatenation keeps
 * the trigram index out of it. With at most SEARCH_COUNT_CAP matches the page is then read by
 * primary key; with more (a common name), null: the caller walks the path index in name order.
 */
async function narrowPostgresSearch(
  db: Executor,
  scope: Scope,
  f: ResidentFilter,
  folded: string,
  page: { limit: number; offset: number },
) {
  let ids = residentsOnly(db, scope)
    .select('residents.id')
    .where('residents.status', '=', 'active')
    .where(contains(sql`(residents.full_name_folded || '')`, folded));
  if (f.unitPath) ids = ids.where(startsWith('residents.unit_path', f.unitPath));
  if (f.householdId) ids = ids.where('residents.household_id', '=', f.householdId);
  if (f.birthYear) ids = ids.where('residents.birth_year', '=', f.birthYear);
  const matches = (await ids.limit(SEARCH_COUNT_CAP + 1).execute()).map((r) => r.id);
  if (matches.length > SEARCH_COUNT_CAP) return null;
  if (matches.length === 0) return { rows: [], total: 0, isCapped: false };
  const rows = await residentsBase(db, scope)
    .select(residentColumns)
    .where('residents.id', 'in', matches)
    .orderBy('residents.full_name_folded')
    .orderBy('residents.full_name')
    .orderBy('residents.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: matches.length, isCapped: false };
}
