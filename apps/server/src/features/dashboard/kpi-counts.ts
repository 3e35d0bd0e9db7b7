import { KPI_SKILL } from '@toso/domain/platforms';
import { addMonth, type CohortCount, type SkillCohortCount } from '@toso/domain/kpi';
import { workingAgeStatus } from '@toso/domain/working-age';
import type { Sex } from '@toso/domain/teams';
import type { ExpressionBuilder } from 'kysely';
import type { Executor } from '../../db/db';
import type { Database } from '../../db/schema';

// Counts kept for the 70% KPI (architecture rule 6): residents per unit × sex × birth year, and
// those first able to use online public services per unit × sex × birth year × month, for the
// hamlet and every unit above it, changed in the transaction of the write that changes them.
// A resident counts unless merged into another record (an erased one keeps sex, birth year and
// hamlet, so anonymous counts hold); able = a support record, not voided, of the skill "use online
// public services" mastered (KPI_SKILL), dated the month it was recorded.

interface ResidentState {
  id: string;
  unit_path: string;
  sex: string | null;
  birth_year: number | null;
  status: string;
  skill_on: string | null;
}

type Deltas = { residents: Map<string, number>; skills: Map<string, number> };

const ancestors = (path: string) => path.split('/').filter(Boolean);
const cohortKey = (sex: string | null, year: number | null) => `${sex ?? ''}|${year ?? 0}`;

function add(d: Deltas, s: Omit<ResidentState, 'id'>, sign: 1 | -1) {
  if (s.status === 'merged') return;
  const cohort = cohortKey(s.sex, s.birth_year);
  for (const unit of ancestors(s.unit_path)) {
    const k = `${unit}|${cohort}`;
    d.residents.set(k, (d.residents.get(k) ?? 0) + sign);
    if (s.skill_on) {
      const sk = `${k}|${s.skill_on.slice(0, 7)}`;
      d.skills.set(sk, (d.skills.get(sk) ?? 0) + sign);
    }
  }
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

async function apply(tx: Executor, d: Deltas) {
  const residents = [...d.residents]
    .filter(([, n]) => n !== 0)
    .map(([k, count]) => {
      const [unit_id, sex, year] = k.split('|');
      return { unit_id, sex, birth_year: Number(year), count };
    });
  const skills = [...d.skills]
    .filter(([, n]) => n !== 0)
    .map(([k, count]) => {
      const [unit_id, sex, year, month] = k.split('|');
      return { unit_id, sex, birth_year: Number(year), month, count };
    });
  for (let i = 0; i < residents.length; i += 500)
    await tx
      .insertInto('resident_cohort_counts')
      .values(residents.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(['unit_id', 'sex', 'birth_year']).doUpdateSet((eb) => ({
          count: eb('resident_cohort_counts.count', '+', eb.ref('excluded.count')),
        })),
      )
      .execute();
  for (let i = 0; i < skills.length; i += 500)
    await tx
      .insertInto('kpi_skill_counts')
      .values(skills.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(['unit_id', 'month', 'sex', 'birth_year']).doUpdateSet((eb) => ({
          count: eb('kpi_skill_counts.count', '+', eb.ref('excluded.count')),
        })),
      )
      .execute();
}

const emptyDeltas = (): Deltas => ({ residents: new Map(), skills: new Map() });

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
  const d = emptyDeltas();
  return {
    add(rows: readonly NewResident[]) {
      for (const r of rows) add(d, { ...r, skill_on: null }, 1);
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
  const d = emptyDeltas();
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
  const d = emptyDeltas();
  for (const { r, sign } of changes) {
    const resident = residents.get(r.resident_id);
    if (!resident || resident.status === 'merged') continue;
    const cohort = cohortKey(resident.sex, resident.birth_year);
    for (const unit of ancestors(resident.unit_path)) {
      const k = `${unit}|${cohort}|${r.supported_on.slice(0, 7)}`;
      d.skills.set(k, (d.skills.get(k) ?? 0) + sign);
    }
  }
  await apply(tx, d);
}

/** The counts recomputed from the rows (for the demo seed and for tests that compare). */
export async function recountKpi(tx: Executor): Promise<Deltas> {
  const d = emptyDeltas();
  const residents = await tx
    .selectFrom('residents')
    .select(['unit_path', 'sex', 'birth_year'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '!=', 'merged')
    .groupBy(['unit_path', 'sex', 'birth_year'])
    .execute();
  for (const r of residents)
    for (const unit of ancestors(r.unit_path)) {
      const k = `${unit}|${cohortKey(r.sex, r.birth_year)}`;
      d.residents.set(k, (d.residents.get(k) ?? 0) + Number(r.n));
    }
  const platformId = await kpiPlatformId(tx);
  if (!platformId) return d;
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
  for (const r of skills)
    for (const unit of ancestors(r.unit_path)) {
      const k = `${unit}|${cohortKey(r.sex, r.birth_year)}|${r.month}`;
      d.skills.set(k, (d.skills.get(k) ?? 0) + Number(r.n));
    }
  return d;
}

/** The kept counts as they stand, in the shape of `recountKpi` (zeros left out). */
export async function keptKpi(tx: Executor): Promise<Deltas> {
  const d = emptyDeltas();
  for (const r of await tx.selectFrom('resident_cohort_counts').selectAll().execute())
    if (Number(r.count) !== 0)
      d.residents.set(`${r.unit_id}|${r.sex}|${r.birth_year}`, Number(r.count));
  for (const r of await tx.selectFrom('kpi_skill_counts').selectAll().execute())
    if (Number(r.count) !== 0)
      d.skills.set(`${r.unit_id}|${r.sex}|${r.birth_year}|${r.month}`, Number(r.count));
  return d;
}

/** Replaces the kept counts by a recount (the demo seed writes support records directly). */
export async function rebuildKpiCounts(tx: Executor): Promise<void> {
  const d = await recountKpi(tx);
  await tx.deleteFrom('resident_cohort_counts').execute();
  await tx.deleteFrom('kpi_skill_counts').execute();
  await apply(tx, d);
}

const sexOf = (s: string): Sex | null => (s === 'male' || s === 'female' ? s : null);

/** The kept residents of some units, per unit. */
export async function cohortsOf(
  db: Executor,
  unitIds: string[],
): Promise<Map<string, CohortCount[]>> {
  const out = new Map<string, CohortCount[]>(unitIds.map((id) => [id, []]));
  if (unitIds.length === 0) return out;
  const rows = await db
    .selectFrom('resident_cohort_counts')
    .selectAll()
    .where('unit_id', 'in', unitIds)
    .where('count', '!=', 0)
    .execute();
  for (const r of rows)
    out.get(r.unit_id)?.push({
      sex: sexOf(r.sex),
      birthYear: r.birth_year === 0 ? null : r.birth_year,
      count: Number(r.count),
    });
  return out;
}

/**
 * The kept skill counts of some units, per unit: months up to `to`; with `from`, the months before
 * it are summed into one row dated `from`'s previous month (enough for a trend from `from`).
 */
export async function skillCohortsOf(
  db: Executor,
  unitIds: string[],
  to: string,
  from?: string,
): Promise<Map<string, SkillCohortCount[]>> {
  const out = new Map<string, SkillCohortCount[]>(unitIds.map((id) => [id, []]));
  if (unitIds.length === 0) return out;
  const push = (r: {
    unit_id: string;
    sex: string;
    birth_year: number;
    month: string;
    n: unknown;
  }) =>
    out.get(r.unit_id)?.push({
      sex: sexOf(r.sex),
      birthYear: r.birth_year === 0 ? null : r.birth_year,
      month: r.month,
      count: Number(r.n),
    });
  const base = db
    .selectFrom('kpi_skill_counts')
    .select(['unit_id', 'sex', 'birth_year'])
    .select((eb) => eb.fn.sum('count').as('n'))
    .where('unit_id', 'in', unitIds)
    .groupBy(['unit_id', 'sex', 'birth_year']);
  const earlier = await (
    from ? base.where('month', '<', from) : base.where('month', '<=', to)
  ).execute();
  for (const r of earlier) push({ ...r, month: '0000-00' });
  if (from) {
    const recent = await db
      .selectFrom('kpi_skill_counts')
      .selectAll()
      .where('unit_id', 'in', unitIds)
      .where('month', '>=', from)
      .where('month', '<=', to)
      .execute();
    for (const r of recent) push({ ...r, n: r.count });
  }
  return out;
}

/** The birth years of each sex at working age on a date (those a year of residents can hold). */
function workingAgeYears(date: string): { sex: Sex; years: number[] }[] {
  const year = Number(date.slice(0, 4));
  return (['male', 'female'] as const).map((sex) => ({
    sex,
    years: Array.from({ length: 101 }, (_, i) => year - 100 + i).filter(
      (birthYear) => workingAgeStatus({ sex, birthYear }, date) === 'working_age',
    ),
  }));
}

/**
 * The KPI rate (0–1, or null without working-age residents) of each unit on a date: `kpiOn`'s
 * rate, summed by the database over the working-age cohorts of the date (two grouped reads
 * answering one row per unit, so ranking 180 communes does not carry 50,000 cohort rows to the
 * application).
 */
export async function kpiRates(
  db: Executor,
  unitIds: string[],
  date: string,
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>(unitIds.map((id) => [id, null]));
  if (unitIds.length === 0) return out;
  const cohorts = workingAgeYears(date).filter((c) => c.years.length > 0);
  if (cohorts.length === 0) return out;
  const inCohorts = (eb: CountsEb) =>
    eb.or(cohorts.map((c) => eb.and([eb('sex', '=', c.sex), yearsIn(eb, c.years)])));
  const residents = await db
    .selectFrom('resident_cohort_counts')
    .select('unit_id')
    .select((eb) => eb.fn.sum<number>('count').as('n'))
    .where('unit_id', 'in', unitIds)
    .where(inCohorts)
    .groupBy('unit_id')
    .execute();
  const skills = await db
    .selectFrom('kpi_skill_counts')
    .select('unit_id')
    .select((eb) => eb.fn.sum<number>('count').as('n'))
    .where('unit_id', 'in', unitIds)
    .where('month', '<=', date.slice(0, 7))
    .where(inCohorts)
    .groupBy('unit_id')
    .execute();
  const able = new Map(skills.map((r) => [r.unit_id, Number(r.n)]));
  for (const r of residents) {
    const total = Number(r.n);
    if (total !== 0) out.set(r.unit_id, (able.get(r.unit_id) ?? 0) / total);
  }
  return out;
}

/** Years as a condition: `between` when they follow each other, else a list. */
type CountsEb = ExpressionBuilder<Database, 'resident_cohort_counts' | 'kpi_skill_counts'>;

function yearsIn(eb: CountsEb, years: readonly number[]) {
  const contiguous = years.every((y, i) => i === 0 || y === years[i - 1] + 1);
  return contiguous
    ? eb.between('birth_year', years[0], years[years.length - 1])
    : eb('birth_year', 'in', [...years]);
}

type CohortKinds = { sex: 'male' | 'female'; always: number[]; sometimes: number[] }[];
const COHORT_KINDS = new Map<string, CohortKinds>();

/**
 * For each sex, the birth years at working age in every month of the window (`always`) and in
 * some of them (`sometimes`). Depends on the window only, so it is worked out once per window
 * (classifying 111 years × 2 sexes × the months took about 4.5 ms, most of a hamlet's dashboard).
 */
function cohortKinds(from: string, to: string): CohortKinds {
  const key = `${from}|${to}`;
  const known = COHORT_KINDS.get(key);
  if (known) return known;
  const months: string[] = [];
  for (let m = from; m <= to && months.length < 240; m = addMonth(m, 1)) months.push(m);
  if (months.length === 0) months.push(to);
  const last = Number(to.slice(0, 4));
  const kinds = (['male', 'female'] as const).map((sex) => {
    const always: number[] = [];
    const sometimes: number[] = [];
    for (let year = last - 110; year <= last; year += 1) {
      const n = months.filter(
        (m) => workingAgeStatus({ sex, birthYear: year }, `${m}-01`) === 'working_age',
      ).length;
      if (n === months.length) always.push(year);
      else if (n > 0) sometimes.push(year);
    }
    return { sex, always, sometimes };
  });
  if (COHORT_KINDS.size >= 100) COHORT_KINDS.clear();
  COHORT_KINDS.set(key, kinds);
  return kinds;
}

/**
 * The kept residents and skills of some units for a KPI over the months `from`–`to` (the trend)
 * and any date in `to`: the same figures `kpiOn` and `kpiTrend` give from `cohortsOf` and
 * `skillCohortsOf(…, to, from)`, read in far fewer rows. A cohort's working-age status changes
 * only on a birthday month, so over a window of months most cohorts are at working age
 * throughout (summed by the database into one stand-in cohort of that kind), or never (left out:
 * they count nowhere); only cohorts turning 15 or retiring inside the window, and those of
 * unknown age, are read one by one. A district with 20 communes reads a few thousand rows
 * instead of some 75,000.
 */
export async function windowCohortsOf(
  db: Executor,
  unitIds: string[],
  from: string,
  to: string,
): Promise<{ cohorts: Map<string, CohortCount[]>; skills: Map<string, SkillCohortCount[]> }> {
  const cohorts = new Map<string, CohortCount[]>(unitIds.map((id) => [id, []]));
  const skills = new Map<string, SkillCohortCount[]>(unitIds.map((id) => [id, []]));
  if (unitIds.length === 0) return { cohorts, skills };
  const kinds = cohortKinds(from, to);
  // Two reads per table: the cohorts at working age throughout, summed per unit (and month), one
  // sex at a time, each sum standing in as one of those cohorts; then the others one by one.
  const bySex = (eb: CountsEb, years: number[], sex: Sex) =>
    eb.and([eb('sex', '=', sex), yearsIn(eb, years)]);
  const always = kinds.filter((k) => k.always.length > 0);
  const oneByOne = (eb: CountsEb) =>
    eb.or([
      eb('sex', 'not in', ['male', 'female']),
      eb('birth_year', '=', 0),
      ...kinds.filter((k) => k.sometimes.length > 0).map((k) => bySex(eb, k.sometimes, k.sex)),
    ]);
  const cohortOf = (sex: string, year: number) => ({
    sex: sexOf(sex),
    birthYear: year === 0 ? null : year,
  });
  for (const k of always) {
    const rows = await db
      .selectFrom('resident_cohort_counts')
      .select('unit_id')
      .select((eb) => eb.fn.sum<number>('count').as('n'))
      .where('unit_id', 'in', unitIds)
      .where((eb) => bySex(eb, k.always, k.sex))
      .groupBy('unit_id')
      .execute();
    for (const r of rows)
      if (Number(r.n) !== 0)
        cohorts.get(r.unit_id)?.push({ sex: k.sex, birthYear: k.always[0], count: Number(r.n) });
  }
  const residents = await db
    .selectFrom('resident_cohort_counts')
    .select(['unit_id', 'sex', 'birth_year', 'count'])
    .where('unit_id', 'in', unitIds)
    .where('count', '!=', 0)
    .where(oneByOne)
    .execute();
  for (const r of residents)
    cohorts.get(r.unit_id)?.push({ ...cohortOf(r.sex, r.birth_year), count: Number(r.count) });
  // Months before the window are summed into one row dated '0000-00' (as `skillCohortsOf`).
  const monthOrEarlier = (eb: ExpressionBuilder<Database, 'kpi_skill_counts'>) =>
    eb.case().when('month', '<', from).then('0000-00').else(eb.ref('month')).end().as('m');
  for (const k of always) {
    const rows = await db
      .selectFrom('kpi_skill_counts')
      .select('unit_id')
      .select(monthOrEarlier)
      .select((eb) => eb.fn.sum<number>('count').as('n'))
      .where('unit_id', 'in', unitIds)
      .where('month', '<=', to)
      .where((eb) => bySex(eb, k.always, k.sex))
      .groupBy(['unit_id', 'm'])
      .execute();
    for (const r of rows)
      skills.get(r.unit_id)?.push({
        sex: k.sex,
        birthYear: k.always[0],
        month: String(r.m),
        count: Number(r.n),
      });
  }
  const rows = await db
    .selectFrom('kpi_skill_counts')
    .select(['unit_id', 'sex', 'birth_year'])
    .select(monthOrEarlier)
    .select((eb) => eb.fn.sum<number>('count').as('n'))
    .where('unit_id', 'in', unitIds)
    .where('month', '<=', to)
    .where(oneByOne)
    .groupBy(['unit_id', 'sex', 'birth_year', 'm'])
    .execute();
  for (const r of rows)
    skills.get(r.unit_id)?.push({
      ...cohortOf(r.sex, r.birth_year),
      month: String(r.m),
      count: Number(r.n),
    });
  return { cohorts, skills };
}
