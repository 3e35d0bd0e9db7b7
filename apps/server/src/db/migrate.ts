import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './db';
import * as m20261127T190000 from './migrations/20261127T190000_foundation';
import * as m20261127T200000 from './migrations/20261127T200000_teams';
import * as m20261127T210000 from './migrations/20261127T210000_registry';
import * as m20261127T220000 from './migrations/20261127T220000_supports';
import * as m20261127T230000 from './migrations/20261127T230000_targets';
import * as m20261128T000000 from './migrations/20261128T000000_indicator_kinds';
import * as m20261128T010000 from './migrations/20261128T010000_trainings';
import * as m20261128T020000 from './migrations/20261128T020000_library';
import * as m20261128T030000 from './migrations/20261128T030000_reports';
import * as m20261128T040000 from './migrations/20261128T040000_dashboard';
import * as m20261128T050000 from './migrations/20261128T050000_difficulties';
import * as m20261128T060000 from './migrations/20261128T060000_progress';
import * as m20261128T070000 from './migrations/20261128T070000_residents_scope_name';
import * as m20261128T080000 from './migrations/20261128T080000_coverage_counts';
import * as m20261128T100000 from './migrations/20261128T100000_platform_guide_file';
import * as m20261128T120000 from './migrations/20261128T120000_contribution_search';
import * as m20261128T130000 from './migrations/20261128T130000_daily_counts_by_day';
import * as m20261128T140000 from './migrations/20261128T140000_kpi_month_changes';
import * as m20261128T150000 from './migrations/20261128T150000_residents_write_indexes';
import * as m20261128T180000 from './migrations/20261128T180000_phone_search';
import * as m20261128T200000 from './migrations/20261128T200000_search_rare_letters';
import * as m20261128T230000 from './migrations/20261128T230000_scoped_lists';
import * as m20261129T000000 from './migrations/20261129T000000_residents_path_idx_pg';
import * as m20261129T020000 from './migrations/20261129T020000_scoped_lists_left';

// Every migration, by timestamp name. Append new ones; never edit one that has landed.
const MIGRATIONS: Record<string, Migration> = {
  '20261127T190000_foundation': m20261127T190000,
  '20261127T200000_teams': m20261127T200000,
  '20261127T210000_registry': m20261127T210000,
  '20261127T220000_supports': m20261127T220000,
  '20261127T230000_targets': m20261127T230000,
  '20261128T000000_indicator_kinds': m20261128T000000,
  '20261128T010000_trainings': m20261128T010000,
  '20261128T020000_library': m20261128T020000,
  '20261128T030000_reports': m20261128T030000,
  '20261128T040000_dashboard': m20261128T040000,
  '20261128T050000_difficulties': m20261128T050000,
  '20261128T060000_progress': m20261128T060000,
  '20261128T070000_residents_scope_name': m20261128T070000,
  '20261128T080000_coverage_counts': m20261128T080000,
  '20261128T100000_platform_guide_file': m20261128T100000,
  '20261128T120000_contribution_search': m20261128T120000,
  '20261128T130000_daily_counts_by_day': m20261128T130000,
  '20261128T140000_kpi_month_changes': m20261128T140000,
  '20261128T150000_residents_write_indexes': m20261128T150000,
  '20261128T180000_phone_search': m20261128T180000,
  '20261128T200000_search_rare_letters': m20261128T200000,
  '20261128T230000_scoped_lists': m20261128T230000,
  '20261129T000000_residents_path_idx_pg': m20261129T000000,
  '20261129T020000_scoped_lists_left': m20261129T020000,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema up to date; throws with the failing migration's name if one fails. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  // Branches developed side by side land migrations whose timestamps interleave (a database may
  // already hold 20261128T150000 when 20261128T140000 lands): the missing ones still run, in
  // timestamp order. Each migration must therefore not depend on a later-stamped one.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
