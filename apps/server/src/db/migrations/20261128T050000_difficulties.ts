import type { Kysely } from 'kysely';

// Difficulties raised by teams and communes, their history, and in-app notifications per user.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('difficulties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    // The periodic report it came from; no foreign key: reports live in their own feature.
    .addColumn('report_id', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('search_folded', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('handler_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('answer', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('users.id'))
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
    // Null for difficulties recorded without an account (demo data, later imports).
    .addColumn('raised_by', 'text', (c) => c.references('users.id'))
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('difficulties_path_idx')
    .on('difficulties')
    .columns(['unit_path', 'raised_at'])
    .execute();
  await db.schema
    .createIndex('difficulties_handler_idx')
    .on('difficulties')
    .columns(['handler_unit_id', 'status'])
    .execute();
  await db.schema
    .createIndex('difficulties_due_idx')
    .on('difficulties')
    .columns(['status', 'due_at'])
    .execute();
  await db.schema
    .createIndex('difficulties_report_idx')
    .on('difficulties')
    .column('report_id')
    .execute();

  await db.schema
    .createTable('difficulty_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('difficulty_id', 'text', (c) => c.notNull().references('difficulties.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('from_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('to_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('difficulty_events_idx')
    .on('difficulty_events')
    .columns(['difficulty_id', 'at'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    // Reminders carry a key (kind, entity, occasion) so the same one is never sent twice.
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'read_at', 'created_at'])
    .execute();
  await db.schema
    .createIndex('notifications_dedupe_idx')
    .on('notifications')
    .columns(['user_id', 'dedupe_key'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['notifications', 'difficulty_events', 'difficulties'])
    await db.schema.dropTable(t).ifExists().execute();
}
