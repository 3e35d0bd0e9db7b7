import { sql } from 'kysely';
import type { Executor } from '../../db/db';
import type { NotificationsTable } from '../../db/schema';

export type NotificationRow = NotificationsTable;

/** Writes rows; a row whose (user, dedupe key) already exists is skipped. Returns rows written. */
export async function insertNotifications(db: Executor, rows: NotificationRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db
    .insertInto('notifications')
    .values(rows)
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Active users of a unit holding one of the roles. */
export async function findUserIdsOfUnit(
  db: Executor,
  unitId: string,
  roles: readonly string[],
): Promise<string[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('role', 'in', roles)
    .where('is_active', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}

export async function filterActiveUsers(db: Executor, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', ids)
    .where('is_active', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}

export async function listNotificationsOfUser(
  db: Executor,
  userId: string,
  options: { unreadOnly: boolean; order: 'unread' | 'newest' },
  page: { limit: number; offset: number },
) {
  let q = db.selectFrom('notifications').where('user_id', '=', userId);
  if (options.unreadOnly) q = q.where('read_at', 'is', null);
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  let rows = q.selectAll();
  if (options.order === 'unread')
    rows = rows.orderBy(sql`CASE WHEN read_at IS NULL THEN 0 ELSE 1 END`);
  const items = await rows
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows: items, total: Number(total) };
}

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const { n } = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function markRead(db: Executor, userId: string, id: string | null, at: string) {
  let q = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id !== null) q = q.where('id', '=', id);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function findNotificationOfUser(db: Executor, userId: string, id: string) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}
