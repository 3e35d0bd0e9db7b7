import type { Kysely } from 'kysely';

// The dashboard: residents kept per unit × sex × birth year and those first able to use online
// public services per unit × sex × birth year × month (architecture rule 6: counts kept in the
// transaction of the writes, so the 70% KPI reads a few hundred rows at any level), a campaign's
// phases, and the evaluation weights each district sets.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resident_cohort_counts')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull()) // 'male' | 'female' | '' (unknown)
    .addColumn('birth_year', 'integer', (c) => c.notNull()) // 0: unknown
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

  await db.schema
    .createTable('campaign_phases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('campaign_phases_campaign_idx')
    .on('campaign_phases')
    .column('campaign_id')
    .execute();

  await db.schema
    .createTable('evaluation_weights')
    .addColumn('unit_id', 'text', (c) => c.primaryKey().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('targets', 'integer', (c) => c.notNull())
    .addColumn('timeliness', 'integer', (c) => c.notNull())
    .addColumn('kpi', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await backfill(db);
}

/** Fills the kept counts from the rows already there (a unit and every unit above it). */
async function backfill(db: Kysely<any>): Promise<void> {
  const residents = await db
    .selectFrom('residents')
    .select(['unit_path', 'sex', 'birth_year'])
    .select((eb) => eb.fn.countAll().as('n'))
    .where('status', '!=', 'merged')
    .groupBy(['unit_path', 'sex', 'birth_year'])
    .execute();
  const skills = await db
    .selectFrom('support_records as s')
    .innerJoin('platforms as p', 'p.id', 's.platform_id')
    .innerJoin('residents as r', 'r.id', 's.resident_id')
    .select(['r.unit_path', 'r.sex', 'r.birth_year'])
    .select((eb) => eb.fn('substr', ['s.supported_on', eb.val(1), eb.val(7)]).as('month'))
    .select((eb) => eb.fn.countAll().as('n'))
    .where('p.code', '=', 'ky-nang-dvc')
    .where('s.outcome', '=', 'skill_mastered')
    .where('s.voided_by', 'is', null)
    .where('r.status', '!=', 'merged')
    .groupBy(['r.unit_path', 'r.sex', 'r.birth_year', 'month'])
    .execute();
  const expand = <T extends { unit_path: string }>(rows: T[], key: (r: T) => string) => {
    const out = new Map<string, number>();
    for (const r of rows)
      for (const unit of r.unit_path.split('/').filter(Boolean)) {
        const k = `${unit}|${key(r)}`;
        out.set(k, (out.get(k) ?? 0) + Number((r as { n?: unknown }).n));
      }
    return out;
  };
  const cohort = (r: { sex: string | null; birth_year: number | null }) =>
    `${r.sex ?? ''}|${r.birth_year ?? 0}`;
  const rc = [...expand(residents, cohort)].map(([k, count]) => {
    const [unit_id, sex, year] = k.split('|');
    return { unit_id, sex, birth_year: Number(year), count };
  });
  const sc = [...expand(skills, (r) => `${cohort(r)}|${String(r.month)}`)].map(([k, count]) => {
    const [unit_id, sex, year, month] = k.split('|');
    return { unit_id, sex, birth_year: Number(year), month, count };
  });
  for (let i = 0; i < rc.length; i += 500)
    await db
      .insertInto('resident_cohort_counts')
      .values(rc.slice(i, i + 500))
      .execute();
  for (let i = 0; i < sc.length; i += 500)
    await db
      .insertInto('kpi_skill_counts')
      .values(sc.slice(i, i + 500))
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'evaluation_weights',
    'campaign_phases',
    'kpi_skill_counts',
    'resident_cohort_counts',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
