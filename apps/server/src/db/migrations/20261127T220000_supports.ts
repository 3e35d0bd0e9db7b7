import { type Kysely, sql } from 'kysely';

// The field loop: the platform catalogue, support records (client ids, corrections by voiding) and
// the counts kept per unit, platform, outcome and month in the same transaction as the records.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('platforms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('pillar', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('guide_url', 'text')
    .addColumn('outcomes', 'text', (c) => c.notNull())
    .addColumn('retired_on', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('support_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
    .addColumn('hamlet_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('platform_id', 'text', (c) => c.notNull().references('platforms.id'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('supported_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'text')
    .addColumn('voids_id', 'text')
    .addColumn('voided_by', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('support_records_path_idx')
    .on('support_records')
    .columns(['unit_path', 'supported_on'])
    .execute();
  await db.schema
    .createIndex('support_records_resident_idx')
    .on('support_records')
    .column('resident_id')
    .execute();
  // A resident counts once per platform and outcome: among records not voided, one only.
  await db.schema
    .createIndex('support_records_once')
    .on('support_records')
    .columns(['resident_id', 'platform_id', 'outcome'])
    .unique()
    .where(sql.ref('voided_by'), 'is', null)
    .execute();

  await db.schema
    .createTable('support_counts')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('platform_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('support_counts_pk', ['unit_id', 'platform_id', 'outcome', 'month'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['support_counts', 'support_records', 'platforms']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
