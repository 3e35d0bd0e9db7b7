import type { Executor } from '../../db/db';

export async function findSettingsForUnits(db: Executor, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return db.selectFrom('programme_settings').selectAll().where('unit_id', 'in', unitIds).execute();
}

export async function upsertSettings(
  db: Executor,
  row: { unit_id: string; settings: string; updated_at: string; updated_by: string | null },
): Promise<void> {
  await db
    .insertInto('programme_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('unit_id').doUpdateSet({
        settings: row.settings,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();
}
