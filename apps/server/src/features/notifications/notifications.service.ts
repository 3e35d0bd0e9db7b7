import type { Role, UnitLevel } from '@toso/domain/roles';
import {
  notificationParamsSchema,
  type NotificationDto,
  type NotificationKind,
  type NotificationParams,
} from '@toso/domain/notifications';
import type { Db, Executor } from '../../db/db';
import { notFound } from '../../lib/app-error';
import { newId, nowIso } from '../../lib/ids';
import type { Actor } from '../../plugins/auth';
import { findUnitById } from '../units/units.repository';
import {
  countUnread,
  filterActiveUsers,
  findNotificationOfUser,
  findUserIdsOfUnit,
  insertNotifications,
  listNotificationsOfUser,
  markRead,
  type NotificationRow,
} from './notifications.repository';
import { pageWindow } from '../../lib/paging';

/** The officer role that acts for a unit of each level (the hamlet's is its team leader). */
export const ROLE_FOR_LEVEL: Record<UnitLevel, Role> = {
  province: 'province_officer',
  district: 'district_officer',
  commune: 'commune_officer',
  hamlet: 'team_leader',
};

/**
 * Who receives a notification: explicit users, and/or the users of a unit holding some roles
 * (by default the officer role of the unit's level: "the commune officers of commune X",
 * "the team leader of hamlet Y"). For "the district officers above unit Z", pass the district's
 * id from `ancestorOfLevel`.
 */
export interface NotifyInput {
  userIds?: string[];
  unitId?: string;
  roles?: readonly Role[];
  /** Left out of the recipients (usually the person who acted). */
  exceptUserId?: string;
  kind: NotificationKind;
  entity: string;
  entityId: string;
  /** A path inside the web app, e.g. `/difficulties/<id>`. */
  link: string;
  /** Values for the kind's sentence (titles, unit names, dates); no personal data. */
  params?: NotificationParams;
  /** Set for reminders: a (user, key) pair is written at most once, ever. */
  dedupeKey?: string;
  /** The instant to stamp (defaults to now). */
  at?: string;
}

/** Resolves the recipients of `input` to active user ids, without duplicates. */
export async function resolveRecipients(tx: Executor, input: NotifyInput): Promise<string[]> {
  const ids = new Set<string>(await filterActiveUsers(tx, input.userIds ?? []));
  if (input.unitId) {
    let roles = input.roles;
    if (!roles) {
      const unit = await findUnitById(tx, input.unitId);
      roles = unit ? [ROLE_FOR_LEVEL[unit.level as UnitLevel]] : [];
    }
    for (const id of await findUserIdsOfUnit(tx, input.unitId, roles)) ids.add(id);
  }
  if (input.exceptUserId) ids.delete(input.exceptUserId);
  return [...ids];
}

/**
 * Writes one notification per recipient; call it inside the transaction of the change it
 * announces, so both land or neither. Returns the number of rows written (reminders already
 * sent are skipped).
 */
export async function notify(tx: Executor, input: NotifyInput): Promise<number> {
  const recipients = await resolveRecipients(tx, input);
  const params = JSON.stringify(notificationParamsSchema.parse(input.params ?? {}));
  const at = input.at ?? nowIso();
  const rows: NotificationRow[] = recipients.map((userId) => ({
    id: newId(),
    user_id: userId,
    kind: input.kind,
    params,
    link: input.link,
    entity: input.entity,
    entity_id: input.entityId,
    dedupe_key: input.dedupeKey ?? null,
    created_at: at,
    read_at: null,
  }));
  return insertNotifications(tx, rows);
}

/** The ancestor of a unit (or the unit itself) at a level, read from its materialised path. */
export async function ancestorOfLevel(tx: Executor, unitId: string, level: UnitLevel) {
  const unit = await findUnitById(tx, unitId);
  if (!unit) return undefined;
  const ids = unit.path.split('/').filter(Boolean);
  if (ids.length === 0) return undefined;
  const rows = await tx
    .selectFrom('units')
    .selectAll()
    .where('id', 'in', ids)
    .where('level', '=', level)
    .execute();
  return rows[0];
}

function toDto(r: NotificationRow): NotificationDto {
  return {
    id: r.id,
    kind: r.kind as NotificationKind,
    params: JSON.parse(r.params) as NotificationParams,
    link: r.link,
    entity: r.entity,
    entityId: r.entity_id,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

export async function listMyNotifications(
  db: Db,
  actor: Actor,
  query: { order: 'unread' | 'newest'; unreadOnly: boolean; page: number; pageSize: number },
) {
  const { rows, total } = await listNotificationsOfUser(
    db,
    actor.userId,
    { unreadOnly: query.unreadOnly, order: query.order },
    pageWindow(query),
  );
  return { items: rows.map(toDto), total, page: query.page, pageSize: query.pageSize };
}

export async function myUnreadCount(db: Db, actor: Actor) {
  return { unread: await countUnread(db, actor.userId) };
}

/** Marks one of the user's notifications read; someone else's answers 404. */
export async function markOneRead(db: Db, actor: Actor, id: string): Promise<NotificationDto> {
  const found = await findNotificationOfUser(db, actor.userId, id);
  if (!found) throw notFound('Không tìm thấy thông báo');
  await markRead(db, actor.userId, id, nowIso());
  const after = await findNotificationOfUser(db, actor.userId, id);
  return toDto(after ?? found);
}

export async function markAllRead(db: Db, actor: Actor) {
  return { updated: await markRead(db, actor.userId, null, nowIso()) };
}
