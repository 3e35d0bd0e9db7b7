import { sql, type Kysely } from 'kysely';

// Scoped lists at province scale (1.31 M residents, 4.71 M support records): the support records
// list (newest first, with its total) read every record of the scope, 4 s for a district officer
// and 10 s for a province officer on PostgreSQL (a parallel sequential scan, then a sort). See
// `apps/server/bench/README.md`, "Scoped lists".
//
// - `support_records_newest` (supported_on DESC, id): the list's order; the newest records are
//   walked and filtered by scope, instead of all the scope's records sorted (both databases).
// - `support_records_path_pattern`: on PostgreSQL, the scope's `unit_path LIKE 'prefix%'` becomes a
//   range only on a text_pattern_ops index when the database's collation is not C, and
//   `support_records_path_idx` (default collation) cannot serve it. Partial on the records not
//   voided (what the list counts by default): deduplicated, 41 MB for 4.7 M records. On SQLite
//   (GLOB uses any index) the same partial index spares the count a table read per record:
//   4.6 → 0.6 s for the province's 4.7 M.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX support_records_newest ON support_records (supported_on DESC, id)`.execute(
    db,
  );
  // The total's index: the scope's records not voided, counted from the index alone.
  const column = (await isPostgres(db)) ? sql`unit_path text_pattern_ops` : sql`unit_path`;
  await sql`CREATE INDEX support_records_path_pattern ON support_records (${column}) WHERE voided_by IS NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX support_records_path_pattern`.execute(db);
  await sql`DROP INDEX support_records_newest`.execute(db);
}

function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  return sql`SELECT version()`.execute(db).then(
    () => true,
    () => false,
  );
}
