import type { Executor } from '../../db/db';
import type { UsersTable } from '../../db/schema';
import type { Scope } from '../../lib/scope';
import { contains, inScope, startsWith } from '../../lib/sql';

export type UserRow = UsersTable;

const userColumns = [
  'users.id',
  'users.username',
  'users.full_name',
  'users.role',
  'users.unit_id',
  'users.locale',
  'users.is_active',
  'users.created_at',
  'units.name as unit_name',
  'units.path as unit_path',
] as const;

export async function findUserByUsername(db: Executor, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Executor, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A user with their unit's name, without scope: only for the user's own record. */
export async function findOwnUserView(db: Executor, id: string) {
  return db
    .selectFrom('users')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .select(userColumns)
    .where('users.id', '=', id)
    .executeTakeFirst();
}

/** A user whose unit lies in the scope; users without a unit (administrators) only for a global scope. */
export async function findUserInScope(db: Executor, scope: Scope, id: string) {
  let q = db
    .selectFrom('users')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .select(userColumns)
    .where('users.id', '=', id);
  if (!scope.all) q = q.where(inScope(scope, 'units.path'));
  return q.executeTakeFirst();
}

export async function listUsers(
  db: Executor,
  scope: Scope,
  filter: { folded?: string; unitPath?: string },
  page: { limit: number; offset: number },
) {
  let q = db.selectFrom('users').leftJoin('units', 'units.id', 'users.unit_id');
  if (!scope.all) q = q.where(inScope(scope, 'units.path'));
  if (filter.unitPath) q = q.where(startsWith('units.path', filter.unitPath));
  if (filter.folded) {
    const f = filter.folded;
    q = q.where((eb) =>
      eb.or([contains('users.full_name_folded', f), contains('users.username', f)]),
    );
  }
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q
    .select(userColumns)
    .orderBy('users.full_name_folded')
    .orderBy('users.username')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total) };
}

export async function insertUser(db: Executor, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: Executor, id: string, changes: Partial<Omit<UserRow, 'id'>>) {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

export async function countUsers(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
