import { type Kysely, sql } from 'kysely';

// Teams: programme settings, teams and members, establishment decisions, stored files, chat groups.
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = await sql`SELECT version()`.execute(db).then(
    () => true,
    () => false,
  );

  await db.schema
    .createTable('programme_settings')
    .addColumn('unit_id', 'text', (c) => c.primaryKey().references('units.id'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('hamlet_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_on', 'text')
    .addColumn('established_on', 'text')
    .addColumn('dissolved_on', 'text')
    .addColumn('composition_reason', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('teams_hamlet_idx').on('teams').column('hamlet_id').execute();
  await db.schema.createIndex('teams_path_idx').on('teams').column('unit_path').execute();

  await db.schema
    .createTable('team_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('full_name_folded', 'text', (c) => c.notNull())
    .addColumn('sex', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('phone', 'text')
    .addColumn('affiliation', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('digital_skills', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('joined_on', 'text')
    .addColumn('left_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('team_members_team_idx')
    .on('team_members')
    .column('team_id')
    .execute();
  await db.schema
    .createIndex('team_members_phone_idx')
    .on('team_members')
    .column('phone')
    .execute();
  await db.schema
    .createIndex('team_members_person_idx')
    .on('team_members')
    .columns(['full_name_folded', 'birth_year'])
    .execute();

  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('data', isPostgres ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();

  await db.schema
    .createTable('decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('commune_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('sign_authority', 'text', (c) => c.notNull())
    .addColumn('legal_grounds', 'text', (c) => c.notNull())
    .addColumn('proposer', 'text', (c) => c.notNull())
    .addColumn('duties', 'text', (c) => c.notNull())
    .addColumn('recipients', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scan_file_id', 'text', (c) => c.references('files.id'))
    .addColumn('issued_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('decisions_number_unique', ['commune_id', 'year', 'number'])
    .execute();
  await db.schema.createIndex('decisions_team_idx').on('decisions').column('team_id').execute();

  await db.schema
    .createTable('chat_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('invite_link', 'text')
    .addColumn('admins', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('households_total', 'integer')
    .addColumn('households_joined', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('joined_updated_on', 'text')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chat_groups_unit_idx').on('chat_groups').column('unit_id').execute();
  await db.schema
    .createIndex('chat_groups_path_idx')
    .on('chat_groups')
    .column('unit_path')
    .execute();

  await db.schema
    .createTable('chat_group_counts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chat_group_id', 'text', (c) => c.notNull().references('chat_groups.id'))
    .addColumn('recorded_on', 'text', (c) => c.notNull())
    .addColumn('households_joined', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('chat_group_counts_group_idx')
    .on('chat_group_counts')
    .columns(['chat_group_id', 'recorded_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'chat_group_counts',
    'chat_groups',
    'decisions',
    'files',
    'team_members',
    'teams',
    'programme_settings',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
