import { kpiChangesOf } from '@toso/domain/kpi';
import { sql, type Kysely } from 'kysely';

// The 70% KPI kept per unit as changes per month (features/dashboard/kpi-counts.ts) instead of
// per birth-year cohort: a resident adds one working-age resident from the month they turn 15 and
// removes them the month after retirement, an able one likewise from the skill's month, so the KPI
// of any month is the sum of a unit's rows up to it. A province's trend then reads a few hundred
// rows instead of tens of thousands of cohort × month rows. Filled from the cohort counts kept so
// far (exact: kept in the transactions of the writes), which are then dropped.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kpi_month_changes')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull()) // YYYY-MM; '0000-00': every month
    .addColumn('working_age', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('able', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unknown_age', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unknown_age_able', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('kpi_month_changes_pk', ['unit_id', 'month'])
    .execute();
  await backfill(db);
  // Read summed per unit up to a month: answered from the index on both databases.
  await db.schema
    .createIndex('kpi_month_changes_cover')
    .on('kpi_month_changes')
    .columns(['unit_id', 'month', 'working_age', 'able', 'unknown_age', 'unknown_age_able'])
    .execute();
  await db.schema.dropTable('kpi_skill_counts').execute();
  await db.schema.dropTable('resident_cohort_counts').execute();
  // The target completion of many units (a province's ranking: 180 communes) sums their monthly
  // support counts: answered from the index instead of a table row per month.
  await db.schema
    .createIndex('support_counts_cover')
    .on('support_counts')
    .columns(['unit_id', 'platform_id', 'outcome', 'month', 'count'])
    .execute();
  // Reporting timeliness counts the months each commune reported under a unit, and the reports
  // each unit sent on time; the dashboard's reporting column reads each hamlet's report of a month
  // (sent, on time, approved): all from an index, without reading the reports' long sections.
  await db.schema
    .createIndex('reports_path_period')
    .on('reports')
    .columns(['unit_path', 'period_key', 'due_on', 'amends_id'])
    .execute();
  await db.schema
    .createIndex('reports_unit_due')
    .on('reports')
    .columns(['unit_id', 'period_key', 'due_on', 'amends_id', 'first_submitted_at', 'status'])
    .execute();
}

/** The changes of every unit from its kept cohorts, read 200 units at a time. */
async function backfill(db: Kysely<any>): Promise<void> {
  const units = (
    await db.selectFrom('resident_cohort_counts').select('unit_id').distinct().execute()
  ).map((r) => String(r.unit_id));
  const sexOf = (s: string) => (s === 'male' || s === 'female' ? (s as 'male' | 'female') : null);
  for (let i = 0; i < units.length; i += 200) {
    const chunk = units.slice(i, i + 200);
    const d = new Map<string, number[]>();
    const addChanges = (
      unit: string,
      sex: string,
      year: number,
      skill: string | null,
      n: number,
    ) => {
      const person = { sex: sexOf(sex), birthYear: year === 0 ? null : year, skillMonth: skill };
      for (const c of kpiChangesOf(person, n)) {
        const k = `${unit}|${c.month}`;
        const v = d.get(k) ?? [0, 0, 0, 0];
        v[0] += c.workingAge;
        v[1] += c.able;
        v[2] += c.unknownAge;
        v[3] += c.unknownAgeAble;
        d.set(k, v);
      }
    };
    const residents = await db
      .selectFrom('resident_cohort_counts')
      .select(['unit_id', 'sex', 'birth_year', 'count'])
      .where('unit_id', 'in', chunk)
      .execute();
    for (const r of residents)
      addChanges(r.unit_id, r.sex, Number(r.birth_year), null, Number(r.count));
    const skills = await db
      .selectFrom('kpi_skill_counts')
      .select(['unit_id', 'sex', 'birth_year', 'month', 'count'])
      .where('unit_id', 'in', chunk)
      .execute();
    // An able resident counts with the skill's month instead of without it.
    for (const r of skills) {
      addChanges(r.unit_id, r.sex, Number(r.birth_year), r.month, Number(r.count));
      addChanges(r.unit_id, r.sex, Number(r.birth_year), null, -Number(r.count));
    }
    const rows = [...d]
      .filter(([, v]) => v.some((n) => n !== 0))
      .map(([k, v]) => {
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
    for (let j = 0; j < rows.length; j += 500)
      await db
        .insertInto('kpi_month_changes')
        .values(rows.slice(j, j + 500))
        .execute();
  }
}

/** Back to the cohort counts, recounted from the rows by the database. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('reports_unit_due').ifExists().execute();
  await db.schema.dropIndex('reports_path_period').ifExists().execute();
  await db.schema.dropIndex('support_counts_cover').ifExists().execute();
  await db.schema
    .createTable('resident_cohort_counts')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('birth_year', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('resident_cohort_counts_pk', ['unit_id', 'sex', 'birth_year'])
    .execute();
  await db.schema
    .createTable('kpi_skill_counts')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('birth_year', 'integer', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_skill_counts_pk', ['unit_id', 'month', 'sex', 'birth_year'])
    .execute();
  // A resident counts for its hamlet and every unit whose path starts its own.
  await sql`
    INSERT INTO resident_cohort_counts (unit_id, sex, birth_year, count)
    SELECT u.id, coalesce(r.sex, ''), coalesce(r.birth_year, 0), count(*)
    FROM residents r JOIN units u ON substr(r.unit_path, 1, length(u.path)) = u.path
    WHERE r.status <> 'merged'
    GROUP BY u.id, coalesce(r.sex, ''), coalesce(r.birth_year, 0)`.execute(db);
  await sql`
    INSERT INTO kpi_skill_counts (unit_id, sex, birth_year, month, count)
    SELECT u.id, coalesce(r.sex, ''), coalesce(r.birth_year, 0), substr(s.supported_on, 1, 7), count(*)
    FROM support_records s
    JOIN platforms p ON p.id = s.platform_id
    JOIN residents r ON r.id = s.resident_id
    JOIN units u ON substr(r.unit_path, 1, length(u.path)) = u.path
    WHERE p.code = 'ky-nang-dvc' AND s.outcome = 'skill_mastered' AND s.voided_by IS NULL
      AND r.status <> 'merged'
    GROUP BY u.id, coalesce(r.sex, ''), coalesce(r.birth_year, 0), substr(s.supported_on, 1, 7)`.execute(
    db,
  );
  await db.schema
    .createIndex('kpi_skill_counts_cover')
    .on('kpi_skill_counts')
    .columns(['unit_id', 'month', 'sex', 'birth_year', 'count'])
    .execute();
  await db.schema
    .createIndex('resident_cohort_counts_cover')
    .on('resident_cohort_counts')
    .columns(['unit_id', 'sex', 'birth_year', 'count'])
    .execute();
  await db.schema.dropTable('kpi_month_changes').execute();
}
