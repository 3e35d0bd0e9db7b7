import { sql, type Kysely } from 'kysely';

// PostgreSQL only: names searched inside a commune or hamlet are matched on an index holding the
// unit path (pattern ops, for prefix LIKE), the folded name, the status and the id, so the scan
// reads no table page (see narrowPostgresSearch). It also serves every prefix match on the path,
// so the plain path-pattern index it replaces is dropped (one index less to keep up on import).
// SQLite searches names through FTS5 and needs nothing here.

// `version()` exists on PostgreSQL only (a failing probe would abort PostgreSQL's transaction).
async function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  return sql`SELECT version()`.execute(db).then(
    () => true,
    () => false,
  );
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(await isPostgres(db))) return;
  await sql`CREATE INDEX residents_scope_name ON residents (unit_path text_pattern_ops, full_name_folded) INCLUDE (status, id)`.execute(
    db,
  );
  await sql`DROP INDEX residents_path_pattern`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(await isPostgres(db))) return;
  await sql`CREATE INDEX residents_path_pattern ON residents (unit_path text_pattern_ops)`.execute(
    db,
  );
  await sql`DROP INDEX residents_scope_name`.execute(db);
}
