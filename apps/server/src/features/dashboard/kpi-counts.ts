import { KPI_SKILL } from '@toso/domain/platforms';
import {
  ALWAYS,
  kpiChangesOf,
  kpiFromChanges,
  type KpiFigure,
  type KpiMonthChange,
  type KpiTrendPoint,
} from '@toso/domain/kpi';
import type { Sex } from '@toso/domain/teams';
import { sql } from 'kysely';
import type { Executor } from '../../db/db';
import { upsertDeltas } from '../../lib/upsert-deltas';

// The 70% KPI kept per unit as changes per month (architecture rule 6), for the hamlet and every
// unit above it, changed in the transaction of the write that changes them: a resident of known
// sex and birth year adds one working-age resident from January of the year they turn 15 and
// removes them the month after they reach retirement age; once able (a support record, not voided,
// of the skill "use online public services" mastered, KPI_SKILL, dated the month it was recorded)
// they count as able over the part of that span from the skill's month on; residents of unknown
// sex or birth year are counted apart (`kpiChangesOf`). The KPI of a unit on a date is the sum of
// its rows up to the date's month, so a trend reads one row per month with a change, at any level.
// A resident counts unless merged into another record (an erased one keeps sex, birth year and
// hamlet, so anonymous counts hold). Residents added later change past months too, as they should:
// the registry has no date of arrival, and a resident counts in every month of their working age.

interface ResidentState {
  id: string;
  unit_path: string;
  sex: string | null;
  birth_year: number | null;
  status: string;
  skill_on: string | null;
}

/**
 * Residents being counted, by hamlet path, sex, birth year and skill month (empty: not able), with
 * a sign: a change of the kept rows is the difference of two such sets (before and after a write).
 */
type People = Map<string, number>;
/** Kept rows being changed: unit|month → [working age, able, unknown age, unknown age able]. */
type Deltas = Map<string, number[]>;

const ancestors = (path: string) => path.split('/').filter(Boolean);
const sexOf = (s: string | null): Sex | null => (s === 'male' || s === 'female' ? s : null);
const personKey = (path: string, sex: string | null, year: number | null, skill: string | null) =>
  `${path}|${sex ?? ''}|${year ?? 0}|${skill ?? ''}`;

function addPerson(p: People, key: string, n: number) {
  p.set(key, (p.get(key) ?? 0) + n);
}

function add(p: People, s: Omit<ResidentState, 'id'>, sign: 1 | -1) {
  if (s.status === 'merged') return;
  addPerson(p, personKey(s.unit_path, s.sex, s.birth_year, s.skill_on?.slice(0, 7) ?? null), sign);
}

/** The kept rows' changes for some people: `kpiChangesOf` each, for their hamlet and every unit above it. */
function deltasOf(p: People, d: Deltas = new Map()): Deltas {
  for (const [key, n] of p) {
    if (n === 0) continue;
    const [path, sex, year, skill] = key.split('|');
    const changes = kpiChangesOf(
      { sex: sexOf(sex), birthYear: Number(year) || null, skillMonth: skill || null },
      n,
    );
    for (const unit of ancestors(path))
      for (const c of changes) {
        const k = `${unit}|${c.month}`;
        const v = d.get(k) ?? [0, 0, 0, 0];
        v[0] += c.workingAge;
        v[1] += c.able;
        v[2] += c.unknownAge;
        v[3] += c.unknownAgeAble;
        d.set(k, v);
      }
  }
  return d;
}

async function kpiPlatformId(tx: Executor): Promise<string | null> {
  const p = await tx
    .selectFrom('platforms')
    .select('id')
    .where('code', '=', KPI_SKILL.platformCode)
    .executeTakeFirst();
  return p?.id ?? null;
}

async function states(tx: Executor, ids: string[]): Promise<Map<string, ResidentState>> {
  const out = new Map<string, ResidentState>();
  if (ids.length === 0) return out;
  const platformId = await kpiPlatformId(tx);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await tx
      .selectFrom('residents')
      .select(['id', 'unit_path', 'sex', 'birth_year', 'status'])
      .where('id', 'in', chunk)
      .execute();
    const skills = platformId
      ? await tx
          .selectFrom('support_records')
          .select(['resident_id', 'supported_on'])
          .where('resident_id', 'in', chunk)
          .where('platform_id', '=', platformId)
          .where('outcome', '=', KPI_SKILL.outcome)
          .where('voided_by', 'is', null)
          .execute()
      : [];
    const skillOf = new Map(skills.map((s) => [s.resident_id, s.supported_on]));
    for (const r of rows) out.set(r.id, { ...r, skill_on: skillOf.get(r.id) ?? null });
  }
  return out;
}

async function upsertRows(tx: Executor, d: Deltas) {
  const rows = [...d].map(([k, v]) => {
    const [unit_id, month] = k.split('|');
    return {
      unit_id,
      month,
      working_age: v[0],
      able: v[1],
      unknown_age: v[2],
      unknown_age_able: v[3],
    };
  });
  await upsertDeltas(
    tx,
    'kpi_month_changes',
    ['unit_id', 'month'],
    ['working_age', 'able', 'unknown_age', 'unknown_age_able'],
    rows,
  );
}

const apply = (tx: Executor, p: People) => upsertRows(tx, deltasOf(p));

type NewResident = {
  unit_path: string;
  sex: string | null;
  birth_year: number | null;
  status: string;
};

/**
 * Counts residents inserted in several batches of one transaction (an import): `add` each batch,
 * then `apply` once before the transaction commits, so the shared rows of the commune, district and
 * province are upserted once rather than once per batch.
 */
export function newResidentCounter() {
  const d: People = new Map();
  return {
    add(rows: readonly NewResident[]) {
      // No copy of each row (an import adds 100,000): new residents have no skill record yet.
      for (const r of rows)
        if (r.status !== 'merged')
          addPerson(d, personKey(r.unit_path, r.sex, r.birth_year, null), 1);
    },
    apply: (tx: Executor) => apply(tx, d),
  };
}

/** Counts residents just inserted (they have no support record yet). */
export async function countNewResidents(tx: Executor, rows: readonly NewResident[]): Promise<void> {
  const counter = newResidentCounter();
  counter.add(rows);
  await counter.apply(tx);
}

/**
 * Runs a write that may change residents (their unit, sex, birth year, status) or their KPI skill
 * record, and moves the kept counts by the difference, in the same transaction. `who` names the
 * residents the write touches: ids, or every resident of a household.
 */
export async function keepKpiCounts<T>(
  tx: Executor,
  who: { residentIds: readonly string[] } | { householdId: string },
  write: () => Promise<T>,
): Promise<T> {
  const ids =
    'residentIds' in who
      ? [...new Set(who.residentIds)]
      : (
          await tx
            .selectFrom('residents')
            .select('id')
            .where('household_id', '=', who.householdId)
            .execute()
        ).map((r) => r.id);
  const before = await states(tx, ids);
  const result = await write();
  const after = await states(tx, ids);
  const d: People = new Map();
  for (const s of before.values()) add(d, s, -1);
  for (const s of after.values()) add(d, s, 1);
  await apply(tx, d);
  return result;
}

/**
 * Moves the kept skill counts for support records just applied and those they voided (a support
 * sync): a KPI skill record counts its resident from its month, a voided one no longer.
 */
export async function countSkillRecords(
  tx: Executor,
  applied: readonly {
    resident_id: string;
    platform_id: string;
    outcome: string;
    supported_on: string;
  }[],
  voided: readonly {
    resident_id: string;
    platform_id: string;
    outcome: string;
    supported_on: string;
  }[],
  /** The KPI skill's platform id when the caller knows it (the sync's cached catalogue). */
  knownKpiPlatformId?: string | null,
): Promise<void> {
  const platformId =
    knownKpiPlatformId === undefined ? await kpiPlatformId(tx) : knownKpiPlatformId;
  const isKpi = (r: { platform_id: string; outcome: string }) =>
    r.platform_id === platformId && r.outcome === KPI_SKILL.outcome;
  const changes = [
    ...applied.filter(isKpi).map((r) => ({ r, sign: 1 as const })),
    ...voided.filter(isKpi).map((r) => ({ r, sign: -1 as const })),
  ];
  if (changes.length === 0) return;
  const residents = new Map(
    (
      await tx
        .selectFrom('residents')
        .select(['id', 'unit_path', 'sex', 'birth_year', 'status'])
        .where('id', 'in', [...new Set(changes.map((c) => c.r.resident_id))])
        .execute()
    ).map((r) => [r.id, r]),
  );
  const d: People = new Map();
  for (const { r, sign } of changes) {
    const resident = residents.get(r.resident_id);
    if (!resident || resident.status === 'merged') continue;
    // Able from the skill's month: counted with it instead of without it (or the reverse).
    const { unit_path, sex, birth_year } = resident;
    addPerson(d, personKey(unit_path, sex, birth_year, r.supported_on.slice(0, 7)), sign);
    addPerson(d, personKey(unit_path, sex, birth_year, null), -sign);
  }
  await apply(tx, d);
}

/** The counts recomputed from the rows (for rebuilds and for tests that compare). */
export async function recountKpi(tx: Executor): Promise<Deltas> {
  const p: People = new Map();
  const residents = await tx
    .selectFrom('residents')
    .select(['unit_path', 'sex', 'birth_year'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '!=', 'merged')
    .groupBy(['unit_path', 'sex', 'birth_year'])
    .execute();
  for (const r of residents)
    addPerson(p, personKey(r.unit_path, r.sex, r.birth_year, null), Number(r.n));
  const platformId = await kpiPlatformId(tx);
  if (platformId) {
    const skills = await tx
      .selectFrom('support_records as s')
      .innerJoin('residents as r', 'r.id', 's.resident_id')
      .select(['r.unit_path', 'r.sex', 'r.birth_year'])
      .select((eb) => eb.fn<string>('substr', ['s.supported_on', eb.val(1), eb.val(7)]).as('month'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('s.platform_id', '=', platformId)
      .where('s.outcome', '=', KPI_SKILL.outcome)
      .where('s.voided_by', 'is', null)
      .where('r.status', '!=', 'merged')
      .groupBy(['r.unit_path', 'r.sex', 'r.birth_year', 'month'])
      .execute();
    // An able resident: counted with the skill's month instead of without.
    for (const r of skills) {
      addPerson(p, personKey(r.unit_path, r.sex, r.birth_year, r.month), Number(r.n));
      addPerson(p, personKey(r.unit_path, r.sex, r.birth_year, null), -Number(r.n));
    }
  }
  const d = deltasOf(p);
  for (const [k, v] of d) if (v.every((n) => n === 0)) d.delete(k);
  return d;
}

/** The kept counts as they stand, in the shape of `recountKpi` (all-zero rows left out). */
export async function keptKpi(tx: Executor): Promise<Deltas> {
  const d: Deltas = new Map();
  for (const r of await tx.selectFrom('kpi_month_changes').selectAll().execute()) {
    const v = [r.working_age, r.able, r.unknown_age, r.unknown_age_able].map(Number);
    if (v.some((n) => n !== 0)) d.set(`${r.unit_id}|${r.month}`, v);
  }
  return d;
}

/** Replaces the kept counts by a recount (bulk writers that write rows directly). */
export async function rebuildKpiCounts(tx: Executor): Promise<void> {
  const d = await recountKpi(tx);
  await tx.deleteFrom('kpi_month_changes').execute();
  await upsertRows(tx, d);
}

/**
 * The kept changes of some units for a window of months `from`–`to`: those of each month of the
 * window, and those before it summed into one row (`ALWAYS`); later ones left out. Summed by the
 * database: at most one row per unit and month of the window, plus one.
 */
export async function kpiChangesFor(
  db: Executor,
  unitIds: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, KpiMonthChange[]>> {
  const out = new Map<string, KpiMonthChange[]>(unitIds.map((id) => [id, []]));
  if (unitIds.length === 0) return out;
  const m = sql<string>`case when month < ${from} then ${ALWAYS} else month end`;
  const rows = await db
    .selectFrom('kpi_month_changes')
    .select('unit_id')
    .select(m.as('m'))
    .select((eb) => [
      eb.fn.sum<number>('working_age').as('w'),
      eb.fn.sum<number>('able').as('a'),
      eb.fn.sum<number>('unknown_age').as('u'),
      eb.fn.sum<number>('unknown_age_able').as('ua'),
    ])
    .where('unit_id', 'in', [...unitIds])
    .where('month', '<=', to)
    // By the output column: PostgreSQL would not match the expression with its own parameters.
    .groupBy(['unit_id', sql.ref('m')])
    .execute();
  for (const r of rows)
    out.get(r.unit_id)?.push({
      month: String(r.m),
      workingAge: Number(r.w),
      able: Number(r.a),
      unknownAge: Number(r.u),
      unknownAgeAble: Number(r.ua),
    });
  return out;
}

/** The KPI on a date in the month `to`, and its trend over `from`–`to`, of some units. */
export async function windowKpis(
  db: Executor,
  unitIds: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, { kpi: KpiFigure; trend: KpiTrendPoint[] }>> {
  const changes = await kpiChangesFor(db, unitIds, from, to);
  return new Map(unitIds.map((id) => [id, kpiFromChanges(changes.get(id) ?? [], from, to)]));
}

/**
 * The KPI rate (0–1, or null without working-age residents) of each unit on a date, summed by the
 * database: one row per unit (ranking 180 communes reads 180 sums).
 */
export async function kpiRates(
  db: Executor,
  unitIds: string[],
  date: string,
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>(unitIds.map((id) => [id, null]));
  if (unitIds.length === 0) return out;
  const rows = await db
    .selectFrom('kpi_month_changes')
    .select('unit_id')
    .select((eb) => [eb.fn.sum<number>('working_age').as('w'), eb.fn.sum<number>('able').as('a')])
    .where('unit_id', 'in', unitIds)
    .where('month', '<=', date.slice(0, 7))
    .groupBy('unit_id')
    .execute();
  for (const r of rows) {
    const total = Number(r.w);
    if (total !== 0) out.set(r.unit_id, Number(r.a) / total);
  }
  return out;
}
