import {
  canGrantRole,
  ROLE_PERMISSIONS,
  ROLE_RANK,
  ROLE_UNIT_LEVELS,
  type Role,
  type UnitLevel,
} from '@toso/domain/roles';
import { cleanText, foldText } from '@toso/domain/text';
import type {
  CreateUserBody,
  ListUsersQuery,
  Locale,
  MeDto,
  UpdateUserBody,
  UserDto,
} from '@toso/domain/users';
import type { Db, Executor } from '../../db/db';
import { AppError, forbidden, invalid, notFound } from '../../lib/app-error';
import { newId, nowIso } from '../../lib/ids';
import type { Scope } from '../../lib/scope';
import type { Actor } from '../../plugins/auth';
import { recordAudit, type SystemActor } from '../audit/audit.service';
import { deleteUserSessions } from '../auth/auth.repository';
import { getUnitInScope } from '../units/units.service';
import { hashPassword } from './password';
import {
  findUserByUsername,
  findOwnUserView,
  findUserInScope,
  insertUser,
  listUsers,
  updateUser,
} from './users.repository';
import { pageWindow } from '../../lib/paging';

interface UserView {
  id: string;
  username: string;
  full_name: string;
  role: string;
  unit_id: string | null;
  unit_name: string | null;
  locale: string;
  is_active: number;
  created_at: string;
}

function toDto(u: UserView): UserDto {
  return {
    id: u.id,
    username: u.username,
    fullName: u.full_name,
    role: u.role as Role,
    unitId: u.unit_id,
    unitName: u.unit_name,
    locale: u.locale as Locale,
    isActive: u.is_active === 1,
    createdAt: u.created_at,
  };
}

/** The signed-in user's own account and what their role allows. */
export async function getMe(db: Db, userId: string): Promise<MeDto> {
  const user = await findOwnUserView(db, userId);
  if (!user) throw notFound();
  return { user: toDto(user), permissions: [...ROLE_PERMISSIONS[user.role as Role]] };
}

export async function listUsersForActor(db: Db, actor: Actor, query: ListUsersQuery) {
  const unit = query.unitId ? await getUnitInScope(db, actor.scope, query.unitId) : null;
  const { rows, total } = await listUsers(
    db,
    actor.scope,
    { folded: query.q ? foldText(query.q) : undefined, unitPath: unit?.path },
    pageWindow(query),
  );
  return { items: rows.map(toDto), total, page: query.page, pageSize: query.pageSize };
}

export async function getUserForActor(db: Db, actor: Actor, id: string): Promise<UserDto> {
  const user = await findUserInScope(db, actor.scope, id);
  if (!user) throw notFound('Không tìm thấy tài khoản');
  return toDto(user);
}

/** Checks that `role` may sit on `unitId` and that the granter may grant it there. */
async function checkPlacement(
  db: Executor,
  scope: Scope,
  granter: Role,
  role: Role,
  unitId: string | null,
): Promise<{ id: string; path: string } | null> {
  if (!canGrantRole(granter, role)) {
    throw new AppError('forbidden', 'Bạn không thể cấp vai trò cao hơn vai trò của mình', [
      { path: 'body.role', message: 'Vai trò vượt quá quyền của bạn' },
    ]);
  }
  if (unitId === null) {
    if (role !== 'admin') throw invalid('body.unitId', 'Chọn đơn vị cho tài khoản');
    if (!scope.all) throw forbidden();
    return null;
  }
  const unit = await getUnitInScope(db, scope, unitId);
  if (!ROLE_UNIT_LEVELS[role].includes(unit.level as UnitLevel)) {
    throw invalid('body.unitId', 'Vai trò này không gắn với đơn vị cấp này');
  }
  return { id: unit.id, path: unit.path };
}

export async function createUser(
  db: Db,
  actor: Actor | SystemActor,
  body: CreateUserBody,
): Promise<UserDto> {
  const unit = await checkPlacement(db, actor.scope, actor.role, body.role, body.unitId);
  const id = newId();
  const now = nowIso();
  const passwordHash = await hashPassword(body.password);
  const fullName = cleanText(body.fullName);
  await db.transaction().execute(async (tx) => {
    if (await findUserByUsername(tx, body.username)) {
      throw new AppError('conflict', 'Tên đăng nhập đã được dùng', [
        { path: 'body.username', message: 'Tên đăng nhập đã được dùng' },
      ]);
    }
    await insertUser(tx, {
      id,
      username: body.username,
      password_hash: passwordHash,
      full_name: fullName,
      full_name_folded: foldText(fullName),
      role: body.role,
      unit_id: unit?.id ?? null,
      locale: body.locale,
      is_active: 1,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, actor, {
      entity: 'user',
      entityId: id,
      action: 'create',
      unitPath: unit?.path ?? null,
      summary: { after: { username: body.username, role: body.role, unitId: body.unitId } },
    });
  });
  const created = await findUserInScope(db, actor.scope, id);
  if (!created) throw notFound();
  return toDto(created);
}

export async function updateUserForActor(
  db: Db,
  actor: Actor,
  id: string,
  body: UpdateUserBody,
): Promise<UserDto> {
  const target = await findUserInScope(db, actor.scope, id);
  if (!target) throw notFound('Không tìm thấy tài khoản');
  const self = target.id === actor.userId;
  if (!self && ROLE_RANK[target.role as Role] > ROLE_RANK[actor.role]) throw forbidden();
  if (self && (body.role !== undefined || body.isActive === false || body.unitId !== undefined)) {
    throw forbidden('Bạn không thể tự đổi vai trò, đơn vị hoặc khóa tài khoản của mình');
  }
  const role = body.role ?? (target.role as Role);
  const unitId = body.unitId !== undefined ? body.unitId : target.unit_id;
  const placement =
    body.role !== undefined || body.unitId !== undefined
      ? await checkPlacement(db, actor.scope, actor.role, role, unitId)
      : undefined;
  const changes: Record<string, unknown> = {};
  if (body.fullName !== undefined) {
    const name = cleanText(body.fullName);
    Object.assign(changes, { full_name: name, full_name_folded: foldText(name) });
  }
  if (body.role !== undefined) changes.role = body.role;
  if (body.unitId !== undefined) changes.unit_id = body.unitId;
  if (body.locale !== undefined) changes.locale = body.locale;
  if (body.isActive !== undefined) changes.is_active = body.isActive ? 1 : 0;
  if (body.password !== undefined) changes.password_hash = await hashPassword(body.password);
  if (Object.keys(changes).length === 0) return toDto(target);
  await db.transaction().execute(async (tx) => {
    await updateUser(tx, id, { ...changes, updated_at: nowIso() });
    if (body.password !== undefined || body.isActive === false || body.role !== undefined) {
      await deleteUserSessions(tx, id, self ? actor.sessionId : undefined);
    }
    await recordAudit(tx, actor, {
      entity: 'user',
      entityId: id,
      action: 'update',
      unitPath: placement?.path ?? target.unit_path,
      summary: {
        before: {
          fullName: target.full_name,
          role: target.role,
          unitId: target.unit_id,
          unitName: target.unit_name,
          isActive: target.is_active === 1,
        },
        after: {
          ...(body.fullName !== undefined ? { fullName: changes.full_name } : {}),
          ...(body.role !== undefined ? { role: body.role } : {}),
          ...(body.unitId !== undefined ? { unitId: body.unitId } : {}),
          ...(body.isActive !== undefined ? { isActive: body.isActive } : {}),
          ...(body.locale !== undefined ? { locale: body.locale } : {}),
          ...(body.password !== undefined ? { passwordChanged: true } : {}),
        },
      },
    });
  });
  return getUserForActor(db, actor, id);
}

export async function setOwnLocale(db: Db, actor: Actor, locale: Locale): Promise<MeDto> {
  await updateUser(db, actor.userId, { locale, updated_at: nowIso() });
  return getMe(db, actor.userId);
}
