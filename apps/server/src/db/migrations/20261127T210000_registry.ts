import { type Kysely, sql } from 'kysely';

// Households and residents: the registry each team serves, with moves, consents and data requests.
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = await sql`SELECT version()`.execute(db).then(
    () => true,
    () => false,
  );

  await db.schema
    .createTable('households')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('hamlet_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address_folded', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('head_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('head_name_folded', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('households_path_idx').on('households').column('unit_path').execute();
  await db.schema
    .createIndex('households_hamlet_idx')
    .on('households')
    .column('hamlet_id')
    .execute();

  await db.schema
    .createTable('residents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('hamlet_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('full_name_folded', 'text', (c) => c.notNull())
    .addColumn('sex', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('relation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text')
    .addColumn('national_id_hash', 'text')
    .addColumn('national_id_last4', 'text')
    .addColumn('ethnicity', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('merged_into_id', 'text')
    .addColumn('erased_at', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('residents_path_idx')
    .on('residents')
    .columns(['unit_path', 'full_name_folded'])
    .execute();
  await db.schema
    .createIndex('residents_household_idx')
    .on('residents')
    .column('household_id')
    .execute();
  await db.schema
    .createIndex('residents_hamlet_idx')
    .on('residents')
    .columns(['hamlet_id', 'full_name_folded'])
    .execute();
  await db.schema.createIndex('residents_phone_idx').on('residents').column('phone').execute();
  await db.schema
    .createIndex('residents_birth_idx')
    .on('residents')
    .columns(['birth_year', 'unit_path'])
    .execute();
  await db.schema
    .createIndex('residents_nid_idx')
    .on('residents')
    .column('national_id_hash')
    .execute();
  await db.schema
    .createIndex('residents_person_idx')
    .on('residents')
    .columns(['full_name_folded', 'birth_year'])
    .execute();
  // Substring search on folded names: trigram indexes (pg_trgm on PostgreSQL, FTS5 trigram on SQLite).
  if (isPostgres) {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    await sql`CREATE INDEX residents_name_trgm ON residents USING gin (full_name_folded gin_trgm_ops)`.execute(
      db,
    );
    // LIKE 'prefix%' on the unit path (the user's scope) uses a pattern_ops index on PostgreSQL.
    for (const table of ['residents', 'households']) {
      await sql`CREATE INDEX ${sql.id(`${table}_path_pattern`)} ON ${sql.id(table)} (unit_path text_pattern_ops)`.execute(
        db,
      );
    }
  } else {
    await sql`CREATE VIRTUAL TABLE residents_fts USING fts5(full_name_folded, content='residents', content_rowid='rowid', tokenize='trigram')`.execute(
      db,
    );
    await sql`CREATE TRIGGER residents_fts_ai AFTER INSERT ON residents BEGIN
      INSERT INTO residents_fts(rowid, full_name_folded) VALUES (new.rowid, new.full_name_folded); END`.execute(
      db,
    );
    await sql`CREATE TRIGGER residents_fts_ad AFTER DELETE ON residents BEGIN
      INSERT INTO residents_fts(residents_fts, rowid, full_name_folded) VALUES ('delete', old.rowid, old.full_name_folded); END`.execute(
      db,
    );
    await sql`CREATE TRIGGER residents_fts_au AFTER UPDATE OF full_name_folded ON residents BEGIN
      INSERT INTO residents_fts(residents_fts, rowid, full_name_folded) VALUES ('delete', old.rowid, old.full_name_folded);
      INSERT INTO residents_fts(rowid, full_name_folded) VALUES (new.rowid, new.full_name_folded); END`.execute(
      db,
    );
  }

  await db.schema
    .createTable('household_moves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('from_hamlet_id', 'text', (c) => c.notNull())
    .addColumn('to_hamlet_id', 'text', (c) => c.notNull())
    .addColumn('moved_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('household_moves_idx')
    .on('household_moves')
    .column('household_id')
    .execute();

  await db.schema
    .createTable('resident_moves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
    .addColumn('from_household_id', 'text', (c) => c.notNull())
    .addColumn('to_household_id', 'text', (c) => c.notNull())
    .addColumn('moved_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('resident_moves_idx')
    .on('resident_moves')
    .column('resident_id')
    .execute();

  await db.schema
    .createTable('consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recorded_on', 'text', (c) => c.notNull())
    .addColumn('notice_version', 'text', (c) => c.notNull())
    .addColumn('collected_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consents_resident_idx')
    .on('consents')
    .columns(['resident_id', 'recorded_on'])
    .execute();

  // Keys the server makes for itself once (for example the key of national ID hashes).
  await db.schema
    .createTable('app_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('data_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('response', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('handled_on', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('data_requests_path_idx')
    .on('data_requests')
    .column('unit_path')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS residents_fts`.execute(db);
  for (const t of [
    'data_requests',
    'app_secrets',
    'consents',
    'resident_moves',
    'household_moves',
    'residents',
    'households',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
