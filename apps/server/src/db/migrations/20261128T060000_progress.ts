import { type Kysely } from 'kysely';

// Progress per period: the counts kept per unit, platform and outcome also per DAY, so a week or a
// period starting mid-month reads a few rows whatever the number of records (the monthly table
// serves whole months). Filled from the records already stored, then kept in the same
// transaction as the records, like the monthly counts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('support_counts_daily')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('platform_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('support_counts_daily_pk', [
      'unit_id',
      'platform_id',
      'outcome',
      'day',
    ])
    .execute();

  const counts = new Map<string, number>();
  let after = '';
  for (;;) {
    const rows: {
      id: string;
      unit_path: string;
      platform_id: string;
      outcome: string;
      supported_on: string;
    }[] = await db
      .selectFrom('support_records')
      .select(['id', 'unit_path', 'platform_id', 'outcome', 'supported_on'])
      .where('voided_by', 'is', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(10_000)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      for (const unit of r.unit_path.split('/').filter(Boolean)) {
        const key = `${unit}|${r.platform_id}|${r.outcome}|${r.supported_on}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    after = rows[rows.length - 1].id;
  }
  const values = [...counts].map(([key, count]) => {
    const [unit_id, platform_id, outcome, day] = key.split('|');
    return { unit_id, platform_id, outcome, day, count };
  });
  for (let i = 0; i < values.length; i += 500)
    await db
      .insertInto('support_counts_daily')
      .values(values.slice(i, i + 500))
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('support_counts_daily').ifExists().execute();
}
