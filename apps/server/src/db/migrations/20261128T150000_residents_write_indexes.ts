import { sql, type Kysely } from 'kysely';

// Fewer index entries to write per imported resident (issue 4, import at 10,000 rows/s), with no
// query losing its index (EXPLAIN evidence: apps/server/bench/README.md, "Fewer indexes to write"):
// - residents_hamlet_idx (hamlet_id, full_name_folded) is dropped: no query filters or sorts
//   residents by hamlet_id (hamlet lists go by unit_path through residents_path_idx, or
//   residents_scope_name on PostgreSQL; hamlet_id is only joined to units by their primary key),
//   and units are never deleted, so the foreign key needs no index either. Its key (a 36-character
//   id and the folded name) made it the costliest secondary index to keep up;
// - residents_nid_idx holds only the rows that have an ID number (about half): the duplicate
//   checks look numbers up with `=` or `IN`, which both databases match to a partial index
//   `WHERE national_id_hash IS NOT NULL`. (residents_phone_idx stays whole: a partial one led
//   PostgreSQL to walk every phone in the province for a phone-digit search in a commune.)
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('residents_hamlet_idx').execute();
  await db.schema.dropIndex('residents_nid_idx').execute();
  await sql`CREATE INDEX residents_nid_idx ON residents (national_id_hash) WHERE national_id_hash IS NOT NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('residents_nid_idx').execute();
  await db.schema
    .createIndex('residents_nid_idx')
    .on('residents')
    .column('national_id_hash')
    .execute();
  await db.schema
    .createIndex('residents_hamlet_idx')
    .on('residents')
    .columns(['hamlet_id', 'full_name_folded'])
    .execute();
}
