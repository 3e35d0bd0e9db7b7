import type { Kysely } from 'kysely';

// Periodic and ad hoc reports of hamlets and communes, their workflow history, the district's
// ad hoc requests and the due-days setting.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('report_request_units')
    .addColumn('request_id', 'text', (c) => c.notNull().references('report_requests.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_request_units_pk', ['request_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    // "2022-06" for a monthly report, "req:<request id>" for an ad hoc one.
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.references('report_requests.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('amends_id', 'text', (c) => c.references('reports.id'))
    .addColumn('superseded_by', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sections', 'text', (c) => c.notNull())
    // The figures frozen at submission (JSON); null while the report is a draft.
    .addColumn('figures', 'text')
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('first_submitted_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('return_comment', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reports_version_unique', ['unit_id', 'period_key', 'version'])
    .execute();
  await db.schema.createIndex('reports_path').on('reports').column('unit_path').execute();
  await db.schema
    .createIndex('reports_period')
    .on('reports')
    .columns(['period_key', 'level'])
    .execute();

  await db.schema
    .createTable('report_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('user_id', 'text')
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_actions_report')
    .on('report_actions')
    .column('report_id')
    .execute();

  await db.schema
    .createTable('report_settings')
    .addColumn('unit_id', 'text', (c) => c.primaryKey().references('units.id'))
    .addColumn('due_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'report_settings',
    'report_actions',
    'reports',
    'report_request_units',
    'report_requests',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
