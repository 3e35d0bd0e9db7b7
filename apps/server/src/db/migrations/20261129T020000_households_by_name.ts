import { sql, type Kysely } from 'kysely';

// Households list at province scale (350,000 households): the list (by head's folded name, then
// id) sorted every household of the scope for 20 rows, ~0.5 s for a province officer. With this
// index its first pages walk the names in order and keep the scope's households (bounded: see
// `listHouseholds`). 2.5 s to build on the province dataset (SQLite); see
// `apps/server/bench/README.md`, "Scoped lists, the slow ones left".
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX households_by_name ON households (head_name_folded, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX households_by_name`.execute(db);
}
