import type { Kysely } from 'kysely';

// The dashboard's coverage counts kept per unit (architecture rule 6): the registry's households,
// the hamlets with an established team and the households in the hamlets' active chat groups, for
// the hamlet and every unit above it (features/dashboard/coverage-counts.ts keeps them), so a
// district's or province's coverage is read from one row instead of counted under it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('unit_coverage_counts')
    .addColumn('unit_id', 'text', (c) => c.primaryKey())
    .addColumn('households', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hamlets_with_team', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('households_joined', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await backfill(db);
  // The KPI's kept counts are read summed over cohorts for many units at once (the dashboard's
  // children, the ranking's communes): covering indexes let both databases answer from the index.
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
}

/** Fills the counts from the rows already there (a hamlet and every unit above it). */
async function backfill(db: Kysely<any>): Promise<void> {
  const counts = new Map<string, [number, number, number]>();
  const add = (path: string, i: 0 | 1 | 2, n: number) => {
    for (const unit of path.split('/').filter(Boolean)) {
      const c = counts.get(unit) ?? [0, 0, 0];
      c[i] += n;
      counts.set(unit, c);
    }
  };
  const households = await db
    .selectFrom('households')
    .select('unit_path')
    .select((eb) => eb.fn.countAll().as('n'))
    .groupBy('unit_path')
    .execute();
  for (const r of households) add(r.unit_path, 0, Number(r.n));
  const teams = await db
    .selectFrom('teams')
    .innerJoin('units', 'units.id', 'teams.hamlet_id')
    .select('units.path')
    .distinct()
    .where('teams.status', '=', 'established')
    .where('units.level', '=', 'hamlet')
    .execute();
  for (const r of teams) add(r.path, 1, 1);
  const joined = await db
    .selectFrom('chat_groups')
    .innerJoin('units', 'units.id', 'chat_groups.unit_id')
    .select('units.path')
    .select((eb) => eb.fn.sum('chat_groups.households_joined').as('n'))
    .where('chat_groups.is_active', '=', 1)
    .where('units.level', '=', 'hamlet')
    .groupBy('units.path')
    .execute();
  for (const r of joined) add(r.path, 2, Number(r.n));
  const rows = [...counts].map(([unit_id, c]) => ({
    unit_id,
    households: c[0],
    hamlets_with_team: c[1],
    households_joined: c[2],
  }));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('unit_coverage_counts')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('resident_cohort_counts_cover').ifExists().execute();
  await db.schema.dropIndex('kpi_skill_counts_cover').ifExists().execute();
  await db.schema.dropTable('unit_coverage_counts').ifExists().execute();
}
