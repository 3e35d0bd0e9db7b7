import { sql, type Kysely } from 'kysely';

// Name searches holding a character that no folded Vietnamese name has (issue 4): a one-letter
// text such as "z" or "f" matched nobody and read the whole scope (no trigram index serves a
// single letter), 0.5–1 s for a district of 1,000,000 people. Folded Vietnamese names are
// written with the 22 letters a b c d e g h i k l m n o p q r s t u v x y and spaces; the names
// with any other character (f, j, w, z, digits, "h'nhi") are few and are kept in a small partial
// index, `residents_rare_letters`: a text holding such a character can only match them, and is
// answered from it alone. It holds every name of `residents_odd_names` (characters outside a–z,
// 0–9 and spaces; SQLite: also the names under 3 characters), whose searches it now serves, so
// that index is dropped: one small partial index instead of another.
const LETTERS = 'abcdeghiklmnopqrstuvxy ';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (await isPostgres(db)) {
    await sql`CREATE INDEX residents_rare_letters ON residents (unit_path) WHERE full_name_folded ~ ${sql.lit(`[^${LETTERS}]`)}`.execute(
      db,
    );
  } else {
    await sql`CREATE INDEX residents_rare_letters ON residents (unit_path) WHERE length(full_name_folded) < 3 OR full_name_folded GLOB ${sql.lit(`*[^${LETTERS}]*`)}`.execute(
      db,
    );
  }
  await sql`DROP INDEX IF EXISTS residents_odd_names`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (await isPostgres(db)) {
    await sql`CREATE INDEX residents_odd_names ON residents (unit_path) WHERE full_name_folded ~ '[^a-z0-9 ]'`.execute(
      db,
    );
  } else {
    await sql`CREATE INDEX residents_odd_names ON residents (unit_path) WHERE length(full_name_folded) < 3 OR full_name_folded GLOB '*[^a-z0-9 ]*'`.execute(
      db,
    );
  }
  await sql`DROP INDEX residents_rare_letters`.execute(db);
}

function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  return sql`SELECT version()`.execute(db).then(
    () => true,
    () => false,
  );
}
