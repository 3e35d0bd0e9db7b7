import type { Kysely } from 'kysely';
import { foldText } from '@toso/domain/text';

// A partner's contributions are listed page by page and searched without accents: the folded
// description is kept beside it (the commune's name is searched through units.name_folded).

interface Row {
  id: string;
  description: string;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('partner_contributions')
    .addColumn('description_folded', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  const k = db as unknown as Kysely<{
    partner_contributions: Row & { description_folded: string };
  }>;
  const rows = await k.selectFrom('partner_contributions').select(['id', 'description']).execute();
  for (const r of rows)
    await k
      .updateTable('partner_contributions')
      .set({ description_folded: foldText(r.description) })
      .where('id', '=', r.id)
      .execute();
  await db.schema
    .createIndex('partner_contributions_partner_date')
    .on('partner_contributions')
    .columns(['partner_id', 'contributed_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('partner_contributions_partner_date').execute();
  await db.schema.alterTable('partner_contributions').dropColumn('description_folded').execute();
}
