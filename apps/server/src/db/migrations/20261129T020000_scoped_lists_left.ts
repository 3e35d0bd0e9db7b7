import { sql, type Kysely } from 'kysely';

// Scoped lists at province scale, the slow ones left (see `apps/server/bench/README.md`, "Scoped
// lists, the slow ones left").
//
// - `households_by_name` (head_name_folded, id): the households list's order. Its first pages walk
//   the names and keep the scope's households (on SQLite, bounded: `listHouseholds`); PostgreSQL's
//   planner takes it by itself for large scopes. Was: every household of the scope sorted, ~0.5 s
//   for a province's 350,000. 26 MB; 1.5–2.5 s to build on the province dataset.
// - `support_records_voided` (unit_path) WHERE voided_by IS NOT NULL: the support records list's
//   total with the voided records shown is the kept count (records not voided) plus the scope's
//   voided records, counted from this small index instead of all the scope's records (3–5 s for a
//   province on SQLite). text_pattern_ops on PostgreSQL, for the scope's `LIKE 'prefix%'`.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX households_by_name ON households (head_name_folded, id)`.execute(db);
  const column = (await isPostgres(db)) ? sql`unit_path text_pattern_ops` : sql`unit_path`;
  await sql`CREATE INDEX support_records_voided ON support_records (${column}) WHERE voided_by IS NOT NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX support_records_voided`.execute(db);
  await sql`DROP INDEX households_by_name`.execute(db);
}

function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  return sql`SELECT version()`.execute(db).then(
    () => true,
    () => false,
  );
}
