import type { Executor } from '../../db/db';

export async function findSessionUser(db: Executor, sessionId: string, now: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .select([
      'sessions.id as session_id',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.username',
      'users.full_name',
      'users.role',
      'users.unit_id',
      'users.locale',
      'units.path as unit_path',
    ])
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', now)
    .where('users.is_active', '=', 1)
    .executeTakeFirst();
}

/** Records activity at most once a minute, so reads do not turn into a write each. */
export async function touchSession(
  db: Executor,
  sessionId: string,
  lastSeen: string,
): Promise<void> {
  const now = new Date();
  if (now.getTime() - Date.parse(lastSeen) < 60_000) return;
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now.toISOString() })
    .where('id', '=', sessionId)
    .execute();
}

export async function insertSession(
  db: Executor,
  row: { id: string; user_id: string; created_at: string; expires_at: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ ...row, last_seen_at: row.created_at })
    .execute();
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(
  db: Executor,
  userId: string,
  exceptSessionId?: string,
): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}

export async function deleteExpiredSessions(db: Executor, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}
