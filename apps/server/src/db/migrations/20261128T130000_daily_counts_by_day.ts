import type { Kysely } from 'kysely';

// The progress reads the days at either end of a period from support_counts_daily for a few units
// (`countsBetween`). The primary key (unit, platform, outcome, day) made the database read every
// day the unit has ever counted and filter them, so the read grew with how many days held records
// (a hamlet's read doubled between 100,000 and 5,000,000 records). This index, holding every
// column, lets both databases seek the unit's days in the period and read nothing else.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('support_counts_daily_by_day')
    .on('support_counts_daily')
    .columns(['unit_id', 'day', 'platform_id', 'outcome', 'count'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('support_counts_daily_by_day').execute();
}
