import type { Kysely } from 'kysely';

// The materials library, the "how to help a resident" cards per platform, and good practices.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('materials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('text_folded', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('platform_id', 'text', (c) => c.references('platforms.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('file_id', 'text', (c) => c.references('files.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('materials_platform_idx')
    .on('materials')
    .columns(['platform_id', 'created_at'])
    .execute();
  await db.schema.createIndex('materials_path_idx').on('materials').column('unit_path').execute();

  await db.schema
    .createTable('guide_cards')
    .addColumn('platform_id', 'text', (c) => c.primaryKey().references('platforms.id'))
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('needs', 'text', (c) => c.notNull())
    .addColumn('problems', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('practices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('text_folded', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('featured', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text')
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('practices_list_idx')
    .on('practices')
    .columns(['status', 'featured', 'published_at'])
    .execute();
  await db.schema.createIndex('practices_path_idx').on('practices').column('unit_path').execute();

  await db.schema
    .createTable('practice_figures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('platform_id', 'text', (c) => c.notNull().references('platforms.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('outcome', 'text')
    .addColumn('from_month', 'text', (c) => c.notNull())
    .addColumn('to_month', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('practice_figures_practice_idx')
    .on('practice_figures')
    .column('practice_id')
    .execute();

  await db.schema
    .createTable('practice_photos')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('practice_photos_pk', ['practice_id', 'file_id'])
    .execute();

  await db.schema
    .createTable('practice_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id'))
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('practice_comments_practice_idx')
    .on('practice_comments')
    .columns(['practice_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'practice_comments',
    'practice_photos',
    'practice_figures',
    'practices',
    'guide_cards',
    'materials',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
