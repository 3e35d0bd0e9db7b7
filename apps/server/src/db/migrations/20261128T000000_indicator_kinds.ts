import { type Kysely, sql } from 'kysely';

/**
 * Indicator kinds: besides a platform and an outcome, a coverage count (households in the hamlet
 * chat group) or a share (working-age residents able to use online public services, the 70% KPI,
 * whose target is a percentage). `kind` is stored; platform and outcome become nullable for the
 * other kinds. SQLite cannot drop a NOT NULL in place: its table is rebuilt with foreign keys off
 * (the migrator runs SQLite migrations outside a transaction, so the pragma takes effect).
 */
const KIND_CHECK = sql.raw(
  `CHECK ((kind = 'platform_outcome' AND platform_id IS NOT NULL AND outcome IS NOT NULL) OR (kind IN ('chat_coverage', 'working_age_share') AND platform_id IS NULL AND outcome IS NULL))`,
);

export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = await sql`SELECT version()`.execute(db).then(
    () => true,
    () => false,
  );
  if (isPostgres) {
    await sql`ALTER TABLE indicators ADD COLUMN kind text NOT NULL DEFAULT 'platform_outcome'`.execute(
      db,
    );
    await sql`ALTER TABLE indicators ALTER COLUMN platform_id DROP NOT NULL`.execute(db);
    await sql`ALTER TABLE indicators ALTER COLUMN outcome DROP NOT NULL`.execute(db);
    await sql`ALTER TABLE indicators ADD CONSTRAINT indicators_kind_check ${KIND_CHECK}`.execute(
      db,
    );
  } else {
    await sql`PRAGMA foreign_keys = OFF`.execute(db);
    await sql`BEGIN`.execute(db);
    try {
      await sql`CREATE TABLE indicators_new (
        id text PRIMARY KEY,
        campaign_id text NOT NULL REFERENCES campaigns(id),
        kind text NOT NULL DEFAULT 'platform_outcome',
        platform_id text REFERENCES platforms(id),
        outcome text,
        sort integer NOT NULL,
        CONSTRAINT indicators_unique UNIQUE (campaign_id, platform_id, outcome),
        CONSTRAINT indicators_kind_check ${KIND_CHECK}
      )`.execute(db);
      await sql`INSERT INTO indicators_new (id, campaign_id, kind, platform_id, outcome, sort)
        SELECT id, campaign_id, 'platform_outcome', platform_id, outcome, sort FROM indicators`.execute(
        db,
      );
      await sql`DROP TABLE indicators`.execute(db);
      await sql`ALTER TABLE indicators_new RENAME TO indicators`.execute(db);
      const broken = await sql`PRAGMA foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error('foreign keys broken by the indicators rebuild');
      await sql`COMMIT`.execute(db);
    } catch (e) {
      await sql`ROLLBACK`.execute(db);
      throw e;
    } finally {
      await sql`PRAGMA foreign_keys = ON`.execute(db);
    }
  }
  // One coverage and one share indicator at most per campaign (platform ones are unique above).
  await sql`CREATE UNIQUE INDEX indicators_kind_unique ON indicators (campaign_id, kind) WHERE kind <> 'platform_outcome'`.execute(
    db,
  );
  await sql`CREATE INDEX indicators_campaign ON indicators (campaign_id, sort)`.execute(db);
}

export async function down(): Promise<void> {
  // Going back would drop the indicators of the new kinds; restore a backup instead.
}
