import { sql, type Kysely } from 'kysely';

// The import's write on PostgreSQL (issue 4, import at 10,000 rows/s): `residents_path_idx`
// (unit_path, full_name_folded), in the default collation, is dropped there. Every query that
// reads residents by unit goes through `residents_scope_name` (the same two columns, unit_path in
// `text_pattern_ops`, with status and id included): scopes are `LIKE 'prefix%'`, which only a
// pattern_ops index serves (unless the database's collation is "C"), and the walks are ordered
// `unit_path USING ~<~` for the same reason (registry.repository.ts). On the 1,000,000-resident
// bench database the index was read by no search (pg_stat_user_indexes, bench/README.md,
// importfast) while costing each imported resident a 150-byte B-tree entry at a random place
// (152 MB at 1,000,000 residents, more than the primary key). SQLite keeps it: its searches,
// probes and walks read it (GLOB prefix, BINARY order).
export async function up(db: Kysely<unknown>): Promise<void> {
  if (await isPostgres(db)) await sql`DROP INDEX IF EXISTS residents_path_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (await isPostgres(db))
    await sql`CREATE INDEX IF NOT EXISTS residents_path_idx ON residents (unit_path, full_name_folded)`.execute(
      db,
    );
}

function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  return sql`SELECT version()`.execute(db).then(
    () => true,
    () => false,
  );
}
