import type { Executor } from '../../db/db';
import type { FilesTable } from '../../db/schema';
import type { Scope } from '../../lib/scope';
import { inScope } from '../../lib/sql';

export async function insertFile(db: Executor, row: FilesTable): Promise<void> {
  await db.insertInto('files').values(row).execute();
}

export async function findFileInScope(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('files')
    .selectAll()
    .where('id', '=', id)
    .where(inScope(scope, 'files.unit_path'))
    .executeTakeFirst();
}
