import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type RawBuilder,
  type SqlBool,
} from 'kysely';
import type { Db, Executor, Tx } from '../../db/db';
import { bytewiseCollation, prefixEnd } from '../../lib/collation';
import type { Database, HouseholdsTable, ResidentsTable } from '../../db/schema';
import type { Scope } from '../../lib/scope';
import {
  prepareBulkInsert,
  type BulkBuffers,
  type BulkColumns,
  type PreparedInsert,
} from '../../lib/bulk-insert';
import { contains, inScope, startsWith } from '../../lib/sql';
import { LIST_WALK, mayWalk, type WalkTuning } from '../../lib/paging';
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
}

/** A quoted FTS5 phrase: the trigram tokenizer then matches it as a substring. */
function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** At most this many matches are counted; a list longer than that says "1,000 or more". */
export const SEARCH_COUNT_CAP = 1000;

/**
 * Rows of the scope read by a name search's probe (see `searchResidents`). Below this a scope is
 * small enough to be searched by reading all of it; a real commune holds about 7,000 people.
 */
export const SEARCH_PROBE_ROWS = 20_000;

/**
 * Phone digits' probe: phones are in no scope index, the probe reads table rows (twice the
 * probe's cost at 20,000 rows: the synthetic bench's commune of 190,000, "0912" 22 → 89 ms).
 */
const PHONE_PROBE_ROWS = 10_000;

/**
 * PostgreSQL, a district's or province's names: the probe reads this many, enough to measure how
 * frequent the text is (its decision, read on or the trigram index, is taken at the same density
 * as with `SEARCH_PROBE_ROWS`); such a scope is never read whole by a probe anyway (a district
 * holds 50,000–300,000 people). Every such search paid for 20,000 entries (8–25 ms).
 */
const LARGE_SCOPE_PROBE_ROWS = 5_000;

/** A scope above a commune: the province's or a district's officer, or everything. */
function aboveCommune(scope: Scope) {
  return scope.all || scope.role === 'province_officer' || scope.role === 'district_officer';
}

/**
 * PostgreSQL: how deep a search's probe reads, by the scope's size rather than the user's role.
 * A scope is large above a commune, or when its unit's kept household count
 * (`unit_coverage_counts`, kept with every household write) says that the names' probe could not
 * read it whole (more than `largeHouseholds`: at 3 people a household, 20,000 residents): a
 * commune of 190,000 (the synthetic bench's) behaves like a district. A large scope's probe reads
 * `largeProbeRows` names or `largePhoneProbeRows` phones; the decision it takes (read on, the
 * trigram index) follows the same density rule. Speed only: every probe depth gives the same
 * answer (`registry-search.test.ts`).
 */
export interface ProbeTuning {
  probeRows: number;
  phoneProbeRows: number;
  largeProbeRows: number;
  largePhoneProbeRows: number;
  largeHouseholds: number;
}

export const SEARCH_PROBES: ProbeTuning = {
  probeRows: SEARCH_PROBE_ROWS,
  phoneProbeRows: PHONE_PROBE_ROWS,
  largeProbeRows: LARGE_SCOPE_PROBE_ROWS,
  // The synthetic 190,000-person commune's phone probe read 10,000 table rows by the scope's
  // index (14–16 ms warm, 40–80 ms under load); a quarter as many, like the names'.
  largePhoneProbeRows: PHONE_PROBE_ROWS / 4,
  largeHouseholds: Math.round(SEARCH_PROBE_ROWS / 3),
};

/**
 * Kept household counts by unit, read once a minute at most per unit (a primary-key read that
 * every commune officer's search would otherwise add): the probe's depth only, never an answer.
 */
const householdsSeen = new Map<string, { n: number; until: number }>();
const HOUSEHOLDS_SEEN_MS = 60_000;

async function keptHouseholds(db: Executor, unitId: string): Promise<number> {
  const now = Date.now();
  const seen = householdsSeen.get(unitId);
  if (seen && seen.until > now) return seen.n;
  const row = await db
    .selectFrom('unit_coverage_counts')
    .select('households')
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  const n = Number(row?.households ?? 0);
  if (householdsSeen.size >= 10_000) householdsSeen.clear();
  householdsSeen.set(unitId, { n, until: now + HOUSEHOLDS_SEEN_MS });
  return n;
}

/**
 * Rows a search's probe reads (see `ProbeTuning`): fewer in a large scope on PostgreSQL, a
 * district or the province (by role) or a commune whose kept household count is large.
 */
export async function probeDepth(
  db: Executor,
  scope: Scope,
  f: ResidentFilter,
  kind: TextKind,
  tuning: ProbeTuning = SEARCH_PROBES,
): Promise<number> {
  const large =
    f.dialect === 'postgres' &&
    (aboveCommune(scope) ||
      (!f.unitPath &&
        !f.householdId &&
        scope.unitId !== null &&
        (await keptHouseholds(db, scope.unitId)) > tuning.largeHouseholds));
  if (kind === 'phone') return large ? tuning.largePhoneProbeRows : tuning.phoneProbeRows;
  return large ? tuning.largeProbeRows : tuning.probeRows;
}

/**
 * A probe that read part of the scope chooses to read on when the cap's worth of matches is
 * expected within this many probes' worth of rows (100,000 entries of the scope's index), rather
 * than ask the trigram index, whose candidates at that density are the registry's (see
 * `probeTextSearch`).
 */
const SEARCH_SCAN_REACH = 5;

export async function searchResidents(
  db: Executor,
  scope: Scope,
  f: ResidentFilter,
  page: { limit: number; offset: number },
  probeRows?: number,
  tuning: ProbeTuning = SEARCH_PROBES,
) {
  const bytewise = f.dialect === 'postgres' && !!f.birthYear && (await bytewiseCollation(db));
  const filtered = <Q extends ReturnType<typeof residentsOnly>>(q: Q, mode: NameMatch): Q => {
    let out = q.where('residents.status', '=', 'active') as Q;
    if (f.unitPath) out = out.where(startsWith('residents.unit_path', f.unitPath)) as Q;
    if (f.householdId) out = out.where('residents.household_id', '=', f.householdId) as Q;
    if (f.birthYear) {
      out = out.where('residents.birth_year', '=', f.birthYear) as Q;
      // PostgreSQL: `residents_birth_idx` (birth_year, unit_path) takes the scope as a range only
      // from a bound written out; the LIKE prefix is a Filter there (district officer, "1989":
      // 16,547 rows of other districts fetched and dropped, 180 ms–1.8 s; with the bound 6,075
      // index entries, 12 ms). A lower bound holds in any collation: a path under the scope is
      // the scope's path followed by more (a uuid, never ignored by a collation), which sorts
      // after it. No upper bound: in a linguistic collation ignoring '/' it could drop rows.
      // In a bytewise one (C, C.UTF-8: `bytewise`) the upper bound holds too (`prefixEnd`) and
      // the range is the scope's only: a hamlet's "1985" read 16,707 entries from the hamlet's
      // path to the registry's end and ANDed them with the hamlet's 9,506 (44 ms); now 158,
      // 0.4 ms (synthetic 1,000,000).
      const lowest = f.unitPath ?? (scope.all ? undefined : scope.path);
      if (f.dialect === 'postgres' && lowest) {
        out = out.where('residents.unit_path', '>=', lowest) as Q;
        const end = prefixEnd(lowest);
        if (bytewise && end) out = out.where('residents.unit_path', '<', end) as Q;
      }
    }
    if (f.kpi) out = out.where(f.kpi) as Q;
    if (f.folded) out = out.where(textMatch(f.dialect, 'name', f.folded, mode)) as Q;
    if (f.phoneDigits)
      out = out.where(textMatch(f.dialect, 'phone', f.phoneDigits, f.folded ? 'plain' : mode)) as Q;
    return out;
  };
  // A name: a probe decides between reading the scope (small, or the name is common in it) and
  // the trigram index (a large scope, a rarer name). The probe read the whole scope (a hamlet):
  // its own matches are the answer. It found more than the cap in the part it read: "1,000 or
  // more" without counting further. Then one statement (`pageOfMatches`): the matches, at most
  // one more than the cap, their number and the page among them; or, beyond the cap, the page of
  // the walk in the scope's (unit_path, name) order.
  // Phone digits the same way, with the phones' trigram index.
  const probed = f.folded
    ? ({ kind: 'name', text: f.folded } as const)
    : f.phoneDigits
      ? ({ kind: 'phone', text: f.phoneDigits } as const)
      : undefined;
  // A name holding a character no folded Vietnamese name has ("z", "f", "h'"): only the few
  // names of `residents_rare_letters` can match, read from that index alone (no probe).
  const rare = f.folded !== undefined && RARE_CHARACTER.test(f.folded);
  let probe: Probe =
    probed && !rare
      ? await probeTextSearch(
          db,
          scope,
          f,
          probed.kind,
          probed.text,
          probeRows ?? (await probeDepth(db, scope, f, probed.kind, tuning)),
        )
      : { mode: rare ? ('rare' as const) : ('plain' as const) };
  if (probed && probe.readOn) probe = await readOnToCap(db, scope, f, probed.text);
  // PostgreSQL, the trigram index's candidates in a district or the province: the scope tested
  // on each (see `residentsOnly`). A commune's range stays an index condition: its bitmap is
  // small (11,173 entries) and ANDed with many candidates pays ("0889" in a commune: 8 ms as a
  // range, 44 ms tested on each of the province's 3,535 phones); so does a hamlet (`unitPath`).
  const trigramAboveCommune =
    f.dialect === 'postgres' && probe.mode === 'trigram' && aboveCommune(scope);
  const matches = probe.capped
    ? 'capped'
    : probe.ids
      ? idsMatch(f.dialect, probe.ids)
      : filtered(residentsOnly(db, scope, trigramAboveCommune), probe.mode).select([
          'residents.id',
          'residents.full_name_folded as k1',
          'residents.full_name as k2',
        ]);
  const plainWalk = filtered(residentsOnly(db, scope), rare ? 'rare' : 'plain')
    .select([
      'residents.id',
      'residents.unit_path as k0',
      'residents.full_name_folded as k1',
      'residents.full_name as k2',
    ])
    .orderBy(pathOrder(f.dialect, 'residents.unit_path'))
    .orderBy('residents.full_name_folded')
    .orderBy('residents.full_name')
    .orderBy('residents.id')
    .limit(page.limit)
    .offset(page.offset);
  const walk: Walk =
    f.dialect === 'postgres' && !rare && !f.householdId && !f.birthYear && !f.kpi && !f.phoneDigits
      ? (gate) => indexWalk(db, scope, f, page, gate)
      : (gate) => (gate ? plainWalk.where(gate) : plainWalk);
  // PostgreSQL, trigram: the matches are planned for all of them (no LIMIT inside): with the cap's
  // LIMIT and an estimate of a few thousand, the planner read the table in order hoping to stop
  // early ("van hung", district: Seq Scan of 1,309,871 rows, 1.2 s) instead of the index's 6,265.
  const unbounded = f.dialect === 'postgres' && probe.mode === 'trigram' && !probe.ids;
  return pageOfMatches(db, f.dialect, scope, matches, walk, page, unbounded);
}

/** The page beyond the cap, walking the scope in (unit_path, name) order; `gate` runs it only then. */
type Walk = (gate: RawBuilder<SqlBool> | undefined) => Expression<unknown>;

/**
 * PostgreSQL: a condition that keeps the planner from parallel plans for the whole statement
 * (`current_schema()` is parallel unsafe; never NULL while the unqualified tables resolve). On 2
 * shared cores a parallel index-only scan of the scope took 190–340 ms where the serial one
 * stopping at its LIMIT took 17–40 ms ("vinh", district of the province).
 */
const SERIAL_ONLY = sql<SqlBool>`current_schema() IS NOT NULL`;

/**
 * PostgreSQL, a name matched while walking `residents_scope_name` in order and stopping at a
 * LIMIT: `strpos`, the same test as the LIKE of `contains` (a literal substring, bytewise), which
 * no index serves (not the trigram index) and which the planner, without statistics for it,
 * expects a third of the rows to pass, so that it walks the index in order expecting to stop
 * early. The LIKE's estimate (a few hundred of the province's 1,309,871) made it read the whole
 * table and sort the matches instead ("phuong", province officer: Seq Scan, 1.4 s).
 */
function walkMatch(text: string) {
  return sql<SqlBool>`strpos(residents.full_name_folded, ${text}) > 0`;
}

/**
 * PostgreSQL, the walk with only the name (and unit) as filters: the first `offset + limit` active
 * matches in the order of `residents_scope_name` (unit_path bytewise, folded name; index only, the
 * name tested on its entries by `walkMatch` — with the LIKE the planner took the trigram index on
 * an estimate of a few hundred rows and fetched and sorted every candidate of the province,
 * 23,000–31,000 rows, 400–540 ms for "vinh" or "hien"), then the names equal to the last of them
 * (ties), and only those rows read from the table and sorted by (unit_path, folded name, name,
 * id). Every match ordered before the last one read is among them, so the page is exact.
 */
function indexWalk(
  db: Executor,
  scope: Scope,
  f: ResidentFilter,
  page: { limit: number; offset: number },
  gate: RawBuilder<SqlBool> | undefined,
) {
  let first = residentsWalked(db, scope, f)
    .select(['residents.unit_path', 'residents.full_name_folded', 'residents.id'])
    .where('residents.status', '=', 'active')
    .where(SERIAL_ONLY);
  if (f.folded) first = first.where(walkMatch(f.folded));
  if (gate) first = first.where(gate);
  first = first
    .orderBy(pathOrder(f.dialect, 'residents.unit_path'))
    .orderBy('residents.full_name_folded')
    .limit(page.offset + page.limit);
  return sql`(WITH w AS MATERIALIZED (${first}),
      b AS (SELECT unit_path, full_name_folded FROM w
        ORDER BY unit_path USING ~>~, full_name_folded DESC LIMIT 1)
    SELECT r.id, r.unit_path AS k0, r.full_name_folded AS k1, r.full_name AS k2 FROM residents r
    WHERE r.id IN (SELECT id FROM w UNION
      SELECT t.id FROM residents t JOIN b ON t.unit_path = b.unit_path
        AND t.full_name_folded = b.full_name_folded
      WHERE t.status = 'active')
    ORDER BY r.unit_path USING ~<~, r.full_name_folded, r.full_name, r.id
    LIMIT ${page.limit} OFFSET ${page.offset})`;
}

/**
 * The walk's order of unit paths: bytewise on both databases, whatever PostgreSQL's collation.
 * On PostgreSQL `USING ~<~` is the order of the `text_pattern_ops` index `residents_scope_name`
 * (unit_path, folded name), whose range the scope's LIKE prefix becomes (`~>=~ / ~<~` Index
 * Cond): the walk reads the scope only. Ordered in the default collation it walked
 * `residents_path_idx`, which cannot use a LIKE prefix as a range, from the registry's first path
 * to the scope's, the scope only a Filter (a district of the province: 962,539 rows removed,
 * 1.4 s; now 3,379, 33 ms for a third page). SQLite's BINARY order is bytewise already.
 */
function pathOrder(dialect: 'sqlite' | 'postgres', column: string) {
  return dialect === 'postgres' ? sql`${sql.ref(column)} USING ~<~` : sql`${sql.ref(column)}`;
}

/** The residents with these ids, as the matches of `pageOfMatches`. */
function idsMatch(dialect: 'sqlite' | 'postgres', ids: string[]) {
  const inIds =
    dialect === 'postgres'
      ? sql`residents.id = ANY(${ids}::text[])`
      : sql`residents.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;
  return sql`(SELECT residents.id, residents.full_name_folded AS k1, residents.full_name AS k2 FROM residents WHERE ${inIds})`;
}

/**
 * One statement: at most `SEARCH_COUNT_CAP + 1` of the matches (a query selecting the id, the
 * folded name as `k1` and the name as `k2`; 'capped' when the probe already found more), their
 * number `n`, and the page's ids `p`: when they are not more than the cap, the page among them in
 * name order, sorted from the materialized matches, never by an index on the name (walking the
 * name index in order and filtering on the ids — the planner's guess for a LIMIT — read 1,000,000
 * rows, 15–20 s); beyond the cap ("1,000 or more"), the `walk` in the scope's (unit_path, name)
 * order, which stops at the page (it runs only then: its own condition on `n`). The page's
 * rows only are then joined to household and hamlet.
 */
async function pageOfMatches(
  db: Executor,
  dialect: 'sqlite' | 'postgres',
  scope: Scope,
  matches: Expression<unknown> | 'capped',
  walk: Walk,
  page: { limit: number; offset: number },
  unbounded = false,
): Promise<{ rows: ResidentView[]; total: number; isCapped: boolean }> {
  // From the page's ids to their rows (a CROSS JOIN keeps SQLite's planner from reading the
  // scope's residents and looking each up in the page: 2–7 s).
  const rowsOfPage = db
    .selectFrom(sql<{ id: string; k0: string; k1: string; k2: string }>`p`.as('p'))
    .crossJoin('residents')
    .innerJoin('households', 'households.id', 'residents.household_id')
    .innerJoin('units as hamlet', 'hamlet.id', 'residents.hamlet_id')
    .whereRef('residents.id', '=', 'p.id')
    .where(inScope(scope, 'residents.unit_path'))
    .select(residentColumns)
    .select(['p.k0', 'p.k1', 'p.k2']);
  const cap = SEARCH_COUNT_CAP;
  const few = sql`SELECT * FROM (
      SELECT m.id, '' AS k0, m.k1, m.k2 FROM m WHERE (SELECT total FROM n) <= ${cap}
      ORDER BY m.k1, m.k2, m.id LIMIT ${page.limit} OFFSET ${page.offset}
    ) AS few`;
  // The walk's gate is inside it, before its sort. SQLite would not skip a subquery for a false
  // condition on a CTE (it walked the commune, 80–300 ms): there the walk is a second statement,
  // run only beyond the cap (a statement costs no round trip on SQLite).
  const gatedWalk = walk(sql<SqlBool>`(SELECT total FROM n) > ${cap}`);
  // Unbounded: the matches are planned whole, and counted up to one more than the cap (the CTE
  // is read only as far as its readers go: the page's sort reads it only within the cap).
  const head =
    matches === 'capped'
      ? sql`WITH n AS (SELECT ${cap + 1} AS total), p AS (SELECT * FROM ${walk(undefined)} AS w)`
      : sql`WITH m AS MATERIALIZED (SELECT * FROM ${matches} AS x${unbounded ? sql`` : sql` LIMIT ${cap + 1}`}),
        n AS (SELECT count(*) AS total FROM ${unbounded ? sql`(SELECT 1 FROM m LIMIT ${cap + 1}) AS c` : sql`m`}),
        p AS (${few}${dialect === 'postgres' ? sql` UNION ALL SELECT * FROM ${gatedWalk} AS w` : sql``})`;
  const result = await sql<
    ResidentView & { total: number | string; k0: string | null; k1: string; k2: string }
  >`${head}
    SELECT n.total, r.* FROM n LEFT JOIN ${rowsOfPage} AS r ON 1 = 1
    ORDER BY ${pathOrder(dialect, 'r.k0')}, r.k1, r.k2, r.id`.execute(db);
  const total = Number(result.rows[0]?.total ?? 0);
  if (total > cap && matches !== 'capped' && dialect === 'sqlite')
    return pageOfMatches(db, dialect, scope, 'capped', walk, page);
  const rows = result.rows
    .filter((r) => r.k0 !== null)
    .map(({ total: _t, k0: _k0, k1: _k1, k2: _k2, ...r }) => r as ResidentView);
  return total > cap ? { rows, total: cap, isCapped: true } : { rows, total, isCapped: false };
}

/**
 * How a folded name (or phone digits) is matched: 'scan' reads the scope's rows (on PostgreSQL
 * the concatenation keeps the trigram index out of it: its common trigrams — "thi", "ngu", "van",
 * "091" — cover most of a province); 'trigram' asks the trigram index (FTS5 on SQLite, pg_trgm's
 * GIN index on PostgreSQL; `residents_fts` / `residents_name_trgm` for names,
 * `residents_phone_fts` / `residents_phone_trgm` for phones) for every match in the registry,
 * then keeps the scope's (under 3 characters no trigram helps: a scan); 'plain' is a LIKE left to
 * the planner (the common names' walk in name order); 'rare' reads `residents_rare_letters` (a
 * name text holding a character outside `VIETNAMESE_LETTERS`).
 */
type NameMatch = 'scan' | 'trigram' | 'plain' | 'rare';
/** A probe's answer; `readOn`: part of the scope read, a longer probe would tell more. */
type Probe = { mode: NameMatch; ids?: string[]; capped?: boolean; readOn?: boolean };
type TextKind = 'name' | 'phone';

const TEXT_COLUMN = { name: 'full_name_folded', phone: 'phone' } as const;
const FTS_TABLE = { name: 'residents_fts', phone: 'residents_phone_fts' } as const;

function textMatch(dialect: 'sqlite' | 'postgres', kind: TextKind, text: string, mode: NameMatch) {
  const column = `residents.${TEXT_COLUMN[kind]}` as const;
  if (mode === 'rare' && kind === 'name') return rareLetterMatch(dialect, text);
  if (mode === 'trigram' && kind === 'name' && /^[a-z0-9]{2}$/.test(text))
    return twoLetterMatch(dialect, text);
  const trigram = mode === 'trigram' && text.length >= 3;
  if (trigram && dialect === 'sqlite')
    return sql<boolean>`residents.rowid IN (SELECT rowid FROM ${sql.table(FTS_TABLE[kind])} WHERE ${sql.table(FTS_TABLE[kind])} MATCH ${ftsPhrase(text)})`;
  if (trigram || mode === 'plain' || dialect === 'sqlite') return contains(column, text);
  return contains(sql`(${sql.ref(column)} || '')`, text);
}

/** The characters of folded names the trigram expansion of two letters covers. */
const NAME_ALPHABET = [...'abcdefghijklmnopqrstuvwxyz0123456789 '];

/**
 * The characters of folded Vietnamese names (foldText: the 22 letters of the alphabet once
 * accents and đ are folded, and spaces). Names with any other (f, j, w, z, digits, "h'nhi") —
 * and on SQLite those under 3 characters, which FTS5 trigrams miss — are few and kept in the
 * partial index `residents_rare_letters` (migration 20261128T200000), whose predicate
 * `RARE_NAMES` repeats word for word so that the planners use it.
 */
const VIETNAMESE_LETTERS = 'abcdeghiklmnopqrstuvxy ';
const RARE_CHARACTER = new RegExp(`[^${VIETNAMESE_LETTERS}]`);
const RARE_NAMES = {
  postgres: sql.raw(`residents.full_name_folded ~ '[^${VIETNAMESE_LETTERS}]'`),
  sqlite: sql.raw(
    `(length(full_name_folded) < 3 OR full_name_folded GLOB '*[^${VIETNAMESE_LETTERS}]*')`,
  ),
};

/**
 * The names of `residents_rare_letters` containing `text`. PostgreSQL matches them with strpos,
 * not LIKE: a LIKE would let it AND that index with a trigram scan of the text, which may have no
 * trigram ("%zy%": the whole GIN index, 1.1 s). SQLite is told the index (without statistics its
 * planner preferred scanning `residents_person_idx`, 683 ms, instead of 0.2 ms).
 */
function rareLetterMatch(dialect: 'sqlite' | 'postgres', text: string) {
  return dialect === 'postgres'
    ? sql<boolean>`(${RARE_NAMES.postgres} AND strpos(residents.full_name_folded, ${text}) > 0)`
    : sql<boolean>`residents.rowid IN (SELECT rowid FROM residents INDEXED BY residents_rare_letters WHERE ${RARE_NAMES.sqlite} AND ${contains('full_name_folded', text)})`;
}

/**
 * Two letters (a–z, 0–9) through the trigram index, exactly. A name written with a–z, 0–9 and
 * spaces contains "zy" if and only if it contains "zy" followed by one of those characters, or
 * ends with "zy". On PostgreSQL each of these LIKEs has a trigram ("zya", "zy " — pg_trgm pads
 * words) so the GIN index serves their union; on SQLite (FTS5 trigrams span spaces, no padding) a
 * name of 3 characters or more holds "zy" followed by a character, or a character followed by
 * "zy". The other names (shorter, or with other characters) are among those of the small
 * partial index `residents_rare_letters`, read alongside (`rareLetterMatch`).
 */
function twoLetterMatch(dialect: 'sqlite' | 'postgres', text: string) {
  if (dialect === 'sqlite') {
    const terms = NAME_ALPHABET.flatMap((c) => [ftsPhrase(text + c), ftsPhrase(c + text)]).join(
      ' OR ',
    );
    return sql<boolean>`(residents.rowid IN (SELECT rowid FROM residents_fts WHERE residents_fts MATCH ${terms}) OR ${rareLetterMatch(dialect, text)})`;
  }
  const likes = [...NAME_ALPHABET.map((c) => `%${text}${c}%`), `%${text}`].map(
    (p) => sql`residents.full_name_folded LIKE ${p}`,
  );
  // Every name of a–z, 0–9 and spaces, however short, through the LIKEs (pg_trgm pads words:
  // "ly" holds "ly "); the others from the partial index.
  return sql<boolean>`(${sql.join(likes, sql` OR `)} OR ${rareLetterMatch(dialect, text)})`;
}

/**
 * Reads at most `probeRows` rows of the scope (an index-only scan of `residents_scope_name` on
 * PostgreSQL for names) and counts the names (or phones) containing `text`, and the active ones.
 * Without other filters than the text, unit and household (`collect`): the whole scope read (a
 * hamlet) gives the answer itself, its active matches' ids; more active matches than the cap in
 * the part read gives "1,000 or more" (`capped`) without counting further. Otherwise: the whole
 * scope read, or more matches than the cap in that part of it → 'scan' (the search reads the
 * scope, stopping after the cap); else 'trigram': the scope is large and the text rarer, so the
 * trigram index's matches in the whole registry are fewer than the scope's rows.
 */
async function probeTextSearch(
  db: Executor,
  scope: Scope,
  f: ResidentFilter,
  kind: TextKind,
  text: string,
  probeRows: number,
): Promise<Probe> {
  const column = TEXT_COLUMN[kind];
  // On SQLite the names' probe reads only `residents_path_idx` (unit_path, folded name): the
  // ids and statuses would cost a row lookup each; PostgreSQL's `residents_scope_name` includes
  // them. Phones are not in the scope's index: the probe reads the rows anyway.
  const collect = !f.birthYear && !f.kpi && (kind === 'phone' || f.dialect === 'postgres');
  // The text is tested once per row, in the sample (in the aggregates it was tested four times).
  let sample = residentsWalked(db, scope, f).select(
    contains(`residents.${column}`, text).as('hit'),
  );
  if (collect) sample = sample.select(['residents.id', 'residents.status']);
  if (f.householdId) sample = sample.where('residents.household_id', '=', f.householdId);
  // The whole registry on SQLite: its planner reads the smallest covering index, the names in
  // alphabetical order ("bui…", "dang…": no "nguyen" among the first 10,000); the table's own
  // order mixes the names as they were entered.
  if (scope.all && !f.unitPath && !f.householdId && f.dialect === 'sqlite')
    sample = sample.orderBy(sql`residents.rowid`);
  const hit = sql`s.hit`;
  const activeHit = sql`${hit} AND s.status = 'active'`;
  const activeHitIds = sql<string | null>`CASE WHEN ${activeHit} THEN s.id END`;
  const activeMatched = sql`sum(CASE WHEN ${activeHit} THEN 1 ELSE 0 END)`;
  // The ids only when they are the answer: the whole scope read, at most the cap of them.
  const useful = sql`count(*) < ${probeRows} AND ${activeMatched} <= ${SEARCH_COUNT_CAP}`;
  const probe = await db
    .selectFrom(sample.limit(probeRows).as('s'))
    .select((eb) => [
      eb.fn.countAll<number>().as('scanned'),
      eb.fn.sum<number>(sql`CASE WHEN ${hit} THEN 1 ELSE 0 END`).as('matched'),
      (collect ? sql<number | null>`${activeMatched}` : sql<null>`NULL`).as('active_matched'),
      (collect
        ? f.dialect === 'sqlite'
          ? sql<string | null>`CASE WHEN ${useful} THEN group_concat(${activeHitIds}, ',') END`
          : sql<string | null>`CASE WHEN ${useful} THEN string_agg(${activeHitIds}, ',') END`
        : sql<string | null>`NULL`
      ).as('hit_ids'),
    ])
    .executeTakeFirstOrThrow();
  const scanned = Number(probe.scanned);
  if (collect && Number(probe.active_matched) > SEARCH_COUNT_CAP)
    return { mode: 'scan', capped: true };
  if (collect && scanned < probeRows)
    return { mode: 'scan', ids: probe.hit_ids ? probe.hit_ids.split(',') : [] };
  // A part of a larger scope read: reading on is cheaper when the cap's worth of matches is
  // expected within `SEARCH_SCAN_REACH` probes' worth of rows (its density, about the registry's,
  // makes the trigram index return as many candidates in the whole registry: "hang", 4.5% of a
  // province's names, 59,000 FTS5 rows to check, 400 ms for a district officer).
  // (A shorter probe than `SEARCH_PROBE_ROWS` counts as many probes' worth as it is shorter.)
  const matched = Number(probe.matched);
  if (scanned < probeRows) return { mode: 'scan' };
  if (matched * SEARCH_SCAN_REACH * SEARCH_PROBE_ROWS > SEARCH_COUNT_CAP * probeRows)
    return { mode: 'scan', readOn: collect && kind === 'name' && f.dialect === 'postgres' };
  return { mode: matched > SEARCH_COUNT_CAP ? 'scan' : 'trigram' };
}

/**
 * PostgreSQL, a name whose probe read part of the scope and found it frequent (`readOn`): the
 * scope's active matches, read on in the order of `residents_scope_name` (index only, the name
 * tested on its entries by `walkMatch`, no parallel workers) and stopping after the cap. More
 * than the cap: "1,000 or more"; else the whole scope was read and its matches are the answer. Reading the matches from the
 * table instead (the 'scan' of `pageOfMatches`) went through the heap, or a parallel sequential
 * scan of the registry: 110–530 ms for a district officer's "oanh", now 10–20 ms.
 */
async function readOnToCap(db: Executor, scope: Scope, f: ResidentFilter, text: string) {
  let q = residentsWalked(db, scope, f)
    .select('residents.id')
    .where('residents.status', '=', 'active')
    .where(walkMatch(text))
    .where(SERIAL_ONLY);
  if (f.householdId) q = q.where('residents.household_id', '=', f.householdId);
  const matches = q
    .orderBy(pathOrder(f.dialect, 'residents.unit_path'))
    .orderBy('residents.full_name_folded')
    .limit(SEARCH_COUNT_CAP + 1);
  const found = await db
    .selectFrom(matches.as('m'))
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      sql<string | null>`string_agg(m.id, ',')`.as('ids'),
    ])
    .executeTakeFirstOrThrow();
  if (Number(found.n) > SEARCH_COUNT_CAP) return { mode: 'scan' as const, capped: true };
  return { mode: 'scan' as const, ids: found.ids ? found.ids.split(',') : [] };
}

/**
 * The scope's residents. `unindexed` (PostgreSQL, the trigram index's matches in a district or
 * the province): the scope is tested on each candidate, never as an index range — the planner
 * otherwise ANDed the trigram bitmap with a bitmap of the whole scope from `residents_scope_name`
 * ("van hung" in a district of 181,638: 8,000 index pages, 96 ms median against 32 ms, 300–800
 * ms cold, for 6,265 candidates).
 */
function residentsOnly(db: Executor, scope: Scope, unindexed = false) {
  return db
    .selectFrom('residents')
    .where(
      unindexed && !scope.all
        ? startsWithUnindexed('residents.unit_path', scope.path)
        : inScope(scope, 'residents.unit_path'),
    );
}

/**
 * The scope's residents (and the hamlet chosen in it, `unitPath`) as walked in
 * `residents_scope_name` by a probe, a read-on or the walk beyond the cap. On PostgreSQL each
 * prefix is written as the bytewise range its LIKE becomes in that `text_pattern_ops` index
 * (`scopeRange`), without the LIKE itself, which the planner otherwise keeps as a Filter tested
 * on every entry read: a unit path is 3–4 uuids long, and that test took a fifth of a walk's CPU
 * (5,000 matches of "duong" in the synthetic district, 430,000 entries: PostgreSQL's CPU 253 →
 * 200 ms).
 */
function residentsWalked(db: Executor, scope: Scope, f: ResidentFilter) {
  const prefix = (path: string) =>
    f.dialect === 'postgres'
      ? scopeRange('residents.unit_path', path)
      : startsWith('residents.unit_path', path);
  let q = db.selectFrom('residents');
  if (!scope.all) q = q.where(prefix(scope.path));
  if (f.unitPath) q = q.where(prefix(f.unitPath));
  return q;
}

/**
 * PostgreSQL: `column` starts with `prefix` as a bytewise range, `column ~>=~ prefix AND column
 * ~<~ next`, `next` being the prefix with its last character's code one higher: a text starting
 * with the prefix lies in it, and any text in it starts with the prefix. The LIKE for a prefix
 * whose last character has no such successor in ASCII.
 */
function scopeRange(column: string, prefix: string) {
  const next = prefixEnd(prefix);
  if (next === undefined) return startsWith(column, prefix);
  return sql<SqlBool>`(${sql.ref(column)} ~>=~ ${prefix} AND ${sql.ref(column)} ~<~ ${next})`;
}

/** PostgreSQL: `column` starts with `prefix`, in a form no index serves (see `residentsOnly`). */
function startsWithUnindexed(column: string, prefix: string) {
  return sql<SqlBool>`left(${sql.ref(column)}, ${prefix.length}) = ${prefix}`;
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
 * Prepared first (on PostgreSQL the parameters are built then), run when its turn comes.
 */
export function prepareImportBatch(
  db: Db,
  households: readonly HouseholdRow[],
  residents: readonly ResidentRow[],
  buffers?: BulkBuffers,
): PreparedInsert {
  const h = prepareBulkInsert(db, 'households', HOUSEHOLD_COLUMNS, households, buffers);
  const r = prepareBulkInsert(db, 'residents', RESIDENT_COLUMNS, residents, buffers);
  return {
    run: async (tx) => {
      await h.run(tx);
      await r.run(tx);
    },
  };
}

export async function insertImportBatch(
  db: Db,
  tx: Tx,
  households: readonly HouseholdRow[],
  residents: readonly ResidentRow[],
) {
  await prepareImportBatch(db, households, residents).run(tx);
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

/**
 * The households of a unit's subtree, by head's name: the total kept in `unit_coverage_counts`
 * (written with every household insert and move) for the unit, the scope's unit or, for a global
 * scope, the top units; null when it does not apply (a search).
 */
async function keptHouseholdCount(
  db: Executor,
  scope: Scope,
  f: { unit?: { id: string } | null; folded?: string },
): Promise<number | null> {
  if (f.folded) return null;
  const units = f.unit
    ? [f.unit.id]
    : scope.unitId
      ? [scope.unitId]
      : (await db.selectFrom('units').select('id').where('parent_id', 'is', null).execute()).map(
          (u) => u.id,
        );
  if (units.length === 0) return 0;
  const row = await db
    .selectFrom('unit_coverage_counts')
    .select((eb) => eb.fn.sum<number>('households').as('n'))
    .where('unit_id', 'in', units)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The households of the scope (a unit in it, a search), by head's folded name then id: a page and
 * the total. The first pages of a large scope walk `households_by_name` and keep the scope's
 * households, bounded (`WalkTuning` in lib/paging); a search reads plainly.
 */
export async function listHouseholds(
  db: Executor,
  scope: Scope,
  f: { unit?: { id: string; path: string } | null; folded?: string },
  page: { limit: number; offset: number },
  tuning: WalkTuning = LIST_WALK,
) {
  // The scope, unit and search, as one predicate (for the count and the page).
  const matching = (unindexed = false) =>
    sql<boolean>`${sql.join(
      [
        inScope(scope, 'households.unit_path', { unindexed }),
        ...(f.unit ? [startsWith('households.unit_path', f.unit.path, { unindexed })] : []),
        ...(f.folded
          ? [
              sql`(${contains('households.head_name_folded', f.folded)} OR ${contains('households.address_folded', f.folded)})`,
            ]
          : []),
      ],
      sql` AND `,
    )}`;
  // Counted without the joined hamlet: it follows a NOT NULL foreign key and drops no row.
  const total =
    (await keptHouseholdCount(db, scope, f)) ??
    Number(
      (
        await db
          .selectFrom('households')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(matching())
          .executeTakeFirstOrThrow()
      ).n,
    );
  const read = (walk?: { floor: string | undefined }) =>
    db
      .selectFrom('households')
      .innerJoin('units as hamlet', 'hamlet.id', 'households.hamlet_id')
      .where(matching(walk !== undefined))
      .$if(!!walk?.floor, (q) => q.where('households.head_name_folded', '<=', walk!.floor!))
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
  if (!f.folded && mayWalk(total, page, tuning)) {
    const floor = await db
      .selectFrom('households')
      .select('head_name_folded')
      .orderBy('head_name_folded')
      .orderBy('id')
      .limit(1)
      .offset(tuning.walk - 1)
      .executeTakeFirst();
    const rows = await read({ floor: floor?.head_name_folded });
    if (rows.length === page.limit || !floor) return { rows, total };
  }
  return { rows: await read(), total };
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
