import QRCode from 'qrcode';
import {
  chatCoverage,
  type ChatGroupBody,
  type ChatGroupDto,
  type ChatPlatform,
} from '@toso/domain/chat-groups';
import { cleanText } from '@toso/domain/text';
import type { Db } from '../../db/db';
import { AppError, invalid, notFound } from '../../lib/app-error';
import { newId, nowIso, todayInVietnam } from '../../lib/ids';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import { getUnitInScope } from '../units/units.service';
import {
  findChatGroupInScope,
  insertChatGroup,
  insertCount,
  latestCount,
  listChatGroups,
  listCounts,
  updateChatGroup,
  type ChatGroupView,
} from './chat-groups.repository';
import { pageWindow } from '../../lib/paging';

function toDto(g: ChatGroupView): ChatGroupDto {
  // The registry's count of households wins when the registry has any; else the number entered.
  const registry = Number(g.registry_households ?? 0);
  const total = registry > 0 ? registry : g.households_total;
  return {
    id: g.id,
    unitId: g.unit_id,
    unitName: g.unit_name,
    unitLevel: g.unit_level,
    platform: g.platform as ChatPlatform,
    name: g.name,
    inviteLink: g.invite_link,
    admins: g.admins,
    householdsTotal: total,
    householdsTotalSource:
      registry > 0 ? 'registry' : g.households_total === null ? null : 'entered',
    householdsJoined: g.households_joined,
    joinedUpdatedOn: g.joined_updated_on,
    coverage: chatCoverage(g.households_joined, total),
    isActive: g.is_active === 1,
  };
}

async function getGroup(db: Db, actor: Actor, id: string): Promise<ChatGroupView> {
  const g = await findChatGroupInScope(db, actor.scope, id);
  if (!g) throw notFound('Không tìm thấy nhóm');
  return g;
}

export async function listChatGroupsForActor(
  db: Db,
  actor: Actor,
  query: { unitId?: string; platform?: ChatPlatform; page: number; pageSize: number },
) {
  const unit = query.unitId ? await getUnitInScope(db, actor.scope, query.unitId) : null;
  const { rows, total } = await listChatGroups(
    db,
    actor.scope,
    { unitPath: unit?.path, platform: query.platform },
    pageWindow(query),
  );
  return { items: rows.map(toDto), total, page: query.page, pageSize: query.pageSize };
}

export async function getChatGroupForActor(db: Db, actor: Actor, id: string) {
  return toDto(await getGroup(db, actor, id));
}

/** Registers a hamlet's group of households, or a commune's common group. */
export async function createChatGroup(db: Db, actor: Actor, body: ChatGroupBody) {
  const unit = await getUnitInScope(db, actor.scope, body.unitId);
  if (unit.level !== 'hamlet' && unit.level !== 'commune') {
    throw invalid('body.unitId', 'Nhóm thuộc một xóm hoặc một xã');
  }
  if (body.householdsTotal !== null && body.householdsJoined > body.householdsTotal) {
    throw invalid('body.householdsJoined', 'Số hộ tham gia lớn hơn số hộ của xóm');
  }
  const id = newId();
  const now = nowIso();
  const today = todayInVietnam();
  await db.transaction().execute(async (tx) => {
    await insertChatGroup(tx, {
      id,
      unit_id: unit.id,
      unit_path: unit.path,
      platform: body.platform,
      name: cleanText(body.name),
      invite_link: body.inviteLink || null,
      admins: body.admins,
      households_total: body.householdsTotal,
      households_joined: body.householdsJoined,
      joined_updated_on: today,
      is_active: 1,
      created_at: now,
      updated_at: now,
    });
    await insertCount(tx, {
      id: newId(),
      chat_group_id: id,
      recorded_on: today,
      households_joined: body.householdsJoined,
      recorded_by: actor.userId,
      created_at: now,
    });
    await recordAudit(tx, actor, {
      entity: 'chat_group',
      entityId: id,
      action: 'create',
      unitPath: unit.path,
      summary: { after: { name: body.name, platform: body.platform } },
    });
  });
  return getChatGroupForActor(db, actor, id);
}

export async function updateChatGroupForActor(
  db: Db,
  actor: Actor,
  id: string,
  body: Partial<Omit<ChatGroupBody, 'unitId' | 'householdsJoined'>>,
) {
  const g = await getGroup(db, actor, id);
  const changes: Record<string, unknown> = {};
  if (body.platform !== undefined) changes.platform = body.platform;
  if (body.name !== undefined) changes.name = cleanText(body.name);
  if (body.inviteLink !== undefined) changes.invite_link = body.inviteLink || null;
  if (body.admins !== undefined) changes.admins = body.admins;
  if (body.householdsTotal !== undefined) {
    if (body.householdsTotal !== null && g.households_joined > body.householdsTotal) {
      throw invalid('body.householdsTotal', 'Số hộ của xóm nhỏ hơn số hộ đã tham gia nhóm');
    }
    changes.households_total = body.householdsTotal;
  }
  if (Object.keys(changes).length === 0) return toDto(g);
  await db.transaction().execute(async (tx) => {
    await updateChatGroup(tx, id, { ...changes, updated_at: nowIso() });
    await recordAudit(tx, actor, {
      entity: 'chat_group',
      entityId: id,
      action: 'update',
      unitPath: g.unit_path,
      summary: { before: { name: g.name, platform: g.platform }, after: changes },
    });
  });
  return getChatGroupForActor(db, actor, id);
}

/** Records how many households have joined on a date; the group shows the latest count. */
export async function recordCount(
  db: Db,
  actor: Actor,
  id: string,
  recordedOn: string,
  joined: number,
) {
  const g = await getGroup(db, actor, id);
  if (recordedOn > todayInVietnam())
    throw invalid('body.recordedOn', 'Ngày ghi nhận không được ở tương lai');
  const total = toDto(g).householdsTotal;
  if (total !== null && joined > total) {
    throw invalid('body.householdsJoined', `Xóm chỉ có ${total} hộ`);
  }
  await db.transaction().execute(async (tx) => {
    await insertCount(tx, {
      id: newId(),
      chat_group_id: id,
      recorded_on: recordedOn,
      households_joined: joined,
      recorded_by: actor.userId,
      created_at: nowIso(),
    });
    const latest = await latestCount(tx, id);
    await updateChatGroup(tx, id, {
      households_joined: latest?.households_joined ?? joined,
      joined_updated_on: latest?.recorded_on ?? recordedOn,
      updated_at: nowIso(),
    });
    await recordAudit(tx, actor, {
      entity: 'chat_group',
      entityId: id,
      action: 'record_count',
      unitPath: g.unit_path,
      summary: {
        before: { householdsJoined: g.households_joined },
        after: { householdsJoined: joined, recordedOn },
      },
    });
  });
  return getChatGroupForActor(db, actor, id);
}

export async function countHistory(db: Db, actor: Actor, id: string) {
  await getGroup(db, actor, id);
  return (await listCounts(db, id)).map((c) => ({
    id: c.id,
    recordedOn: c.recorded_on,
    householdsJoined: c.households_joined,
  }));
}

/** The QR code of the group's invitation link, as SVG. */
export async function chatGroupQrSvg(db: Db, actor: Actor, id: string): Promise<string> {
  const g = await getGroup(db, actor, id);
  if (!g.invite_link) throw new AppError('conflict', 'Nhóm chưa có đường dẫn mời');
  return QRCode.toString(g.invite_link, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}
