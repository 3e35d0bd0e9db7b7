import type { Kysely } from 'kysely';

// Trainings of the team members (topics, invitations, attendance), the national online courses
// they complete, and the partner enterprises with their contacts, communes and contributions.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('partners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('partners_unit_path').on('partners').column('unit_path').execute();

  await db.schema
    .createTable('partner_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('partner_contacts_partner')
    .on('partner_contacts')
    .column('partner_id')
    .execute();

  await db.schema
    .createTable('partner_communes')
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('partner_communes_pk', ['partner_id', 'commune_id'])
    .execute();

  await db.schema
    .createTable('partner_users')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .execute();

  await db.schema
    .createTable('partner_contributions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('contributed_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('partner_contributions_partner')
    .on('partner_contributions')
    .column('partner_id')
    .execute();

  await db.schema
    .createTable('trainings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_folded', 'text', (c) => c.notNull())
    .addColumn('organiser_kind', 'text', (c) => c.notNull())
    .addColumn('partner_id', 'text', (c) => c.references('partners.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('trainer', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trainings_unit_path').on('trainings').column('unit_path').execute();
  await db.schema.createIndex('trainings_partner').on('trainings').column('partner_id').execute();

  await db.schema
    .createTable('training_topics')
    .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('training_topics_pk', ['training_id', 'topic'])
    .execute();
  await db.schema
    .createIndex('training_topics_topic')
    .on('training_topics')
    .column('topic')
    .execute();

  await db.schema
    .createTable('training_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('team_members.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('present', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('marked_at', 'text')
    .addColumn('marked_by', 'text')
    .addUniqueConstraint('training_invitations_unique', ['training_id', 'member_id'])
    .execute();
  await db.schema
    .createIndex('training_invitations_member')
    .on('training_invitations')
    .column('member_id')
    .execute();
  await db.schema
    .createIndex('training_invitations_unit_path')
    .on('training_invitations')
    .column('unit_path')
    .execute();

  await db.schema
    .createTable('member_courses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'text', (c) => c.notNull().references('team_members.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('course', 'text', (c) => c.notNull())
    .addColumn('completed_on', 'text', (c) => c.notNull())
    .addColumn('certificate_file_id', 'text', (c) => c.references('files.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('member_courses_unique', ['member_id', 'course'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'member_courses',
    'training_invitations',
    'training_topics',
    'trainings',
    'partner_contributions',
    'partner_users',
    'partner_communes',
    'partner_contacts',
    'partners',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
