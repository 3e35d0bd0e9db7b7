import type { Kysely } from 'kysely';

// A platform's how-to guide may be a file (PDF, PNG, JPEG or .docx in `files`) as well as a link.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('platforms')
    .addColumn('guide_file_id', 'text', (c) => c.references('files.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('platforms').dropColumn('guide_file_id').execute();
}
