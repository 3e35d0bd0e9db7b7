import type { LoginBody } from '@toso/domain/users';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/db';
import { AppError } from '../../lib/app-error';
import { nowIso } from '../../lib/ids';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import { findUserById, findUserByUsername, updateUser } from '../users/users.repository';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../users/password';
import { deleteSession, deleteUserSessions, insertSession } from './auth.repository';
import { hashToken, newSessionToken } from './session';

const WRONG = 'Tên đăng nhập hoặc mật khẩu không đúng';

/** Checks credentials and opens a session; the same answer for an unknown user and a wrong password. */
export async function login(
  db: Db,
  config: AppConfig,
  body: LoginBody,
): Promise<{ token: string; expiresAt: Date; userId: string }> {
  const user = await findUserByUsername(db, body.username.toLowerCase());
  const ok = user
    ? (await verifyPassword(user.password_hash, body.password)) && user.is_active === 1
    : await verifyAgainstDummy(body.password);
  if (!user || !ok) throw new AppError('invalid_credentials', WRONG);
  const token = newSessionToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + config.sessionHours * 3600_000);
  await insertSession(db, {
    id: hashToken(token),
    user_id: user.id,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
  });
  return { token, expiresAt, userId: user.id };
}

export async function logout(db: Db, token: string | undefined): Promise<void> {
  if (token) await deleteSession(db, hashToken(token));
}

export async function changePassword(
  db: Db,
  actor: Actor,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const user = await findUserById(db, actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
    throw new AppError('validation_failed', 'Mật khẩu hiện tại không đúng', [
      { path: 'body.currentPassword', message: 'Mật khẩu hiện tại không đúng' },
    ]);
  }
  if (currentPassword === newPassword) {
    throw new AppError('validation_failed', 'Mật khẩu mới phải khác mật khẩu hiện tại', [
      { path: 'body.newPassword', message: 'Mật khẩu mới phải khác mật khẩu hiện tại' },
    ]);
  }
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (tx) => {
    await updateUser(tx, user.id, { password_hash: passwordHash, updated_at: nowIso() });
    await deleteUserSessions(tx, user.id, actor.sessionId);
    await recordAudit(tx, actor, {
      entity: 'user',
      entityId: user.id,
      action: 'change_password',
      unitPath: actor.unitPath,
      summary: { after: { passwordChanged: true } },
    });
  });
}
