import { sql, type Kysely } from 'kysely';

// Phone-digit search (issue 4): a substring of a phone number ("0912", "389 5") was matched by
// reading every row of the scope (1–2 s for a commune of 190,000 people). A trigram index on the
// phone serves it from 3 digits, like the names' (pg_trgm's GIN index on PostgreSQL, an FTS5
// trigram table kept by triggers on SQLite); `searchResidents` probes the scope first and uses it
// only when the scope is large and the digits rarer in it (see registry.repository.ts).
//
// Two-letter name searches: a trigram index answers them exactly for the names written with
// a–z, 0–9 and spaces (every Vietnamese name once folded) and at least 3 characters long; the
// others ("h'nhi", "ly") are kept in a small partial index, `residents_odd_names`, read alongside.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (await isPostgres(db)) {
    await sql`CREATE INDEX residents_phone_trgm ON residents USING gin (phone gin_trgm_ops)`.execute(
      db,
    );
    // pg_trgm pads words ("ly" holds the trigram "ly "): only the other characters are odd here.
    await sql`CREATE INDEX residents_odd_names ON residents (unit_path) WHERE full_name_folded ~ '[^a-z0-9 ]'`.execute(
      db,
    );
    return;
  }
  await sql`CREATE INDEX residents_odd_names ON residents (unit_path) WHERE length(full_name_folded) < 3 OR full_name_folded GLOB '*[^a-z0-9 ]*'`.execute(
    db,
  );
  await sql`CREATE VIRTUAL TABLE residents_phone_fts USING fts5(phone, content='residents', content_rowid='rowid', tokenize='trigram')`.execute(
    db,
  );
  await sql`INSERT INTO residents_phone_fts(residents_phone_fts) VALUES ('rebuild')`.execute(db);
  await sql`CREATE TRIGGER residents_phone_fts_ai AFTER INSERT ON residents WHEN new.phone IS NOT NULL BEGIN
    INSERT INTO residents_phone_fts(rowid, phone) VALUES (new.rowid, new.phone); END`.execute(db);
  await sql`CREATE TRIGGER residents_phone_fts_ad AFTER DELETE ON residents WHEN old.phone IS NOT NULL BEGIN
    INSERT INTO residents_phone_fts(residents_phone_fts, rowid, phone) VALUES ('delete', old.rowid, old.phone); END`.execute(
    db,
  );
  await sql`CREATE TRIGGER residents_phone_fts_au AFTER UPDATE OF phone ON residents BEGIN
    INSERT INTO residents_phone_fts(residents_phone_fts, rowid, phone) SELECT 'delete', old.rowid, old.phone WHERE old.phone IS NOT NULL;
    INSERT INTO residents_phone_fts(rowid, phone) SELECT new.rowid, new.phone WHERE new.phone IS NOT NULL; END`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (await isPostgres(db)) {
    await sql`DROP INDEX residents_phone_trgm`.execute(db);
    await sql`DROP INDEX residents_odd_names`.execute(db);
    return;
  }
  await sql`DROP INDEX residents_odd_names`.execute(db);
  for (const t of ['ai', 'ad', 'au'])
    await sql`DROP TRIGGER ${sql.id(`residents_phone_fts_${t}`)}`.execute(db);
  await sql`DROP TABLE residents_phone_fts`.execute(db);
}

function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  return sql`SELECT version()`.execute(db).then(
    () => true,
    () => false,
  );
}
