import { createHash } from 'node:crypto';
import { hasPermission } from '@toso/domain/roles';
import { foldText, cleanText } from '@toso/domain/text';
import {
  POLICY_TOPIC_LABELS,
  type MemberHistoryDto,
  type NationalCourse,
  type OrganiserKind,
  type PolicyTopic,
  type InvitationDto,
  type SearchPageQuery,
  type TrainingBody,
  type TrainingDetailDto,
  type TrainingMode,
  type TrainingSummaryDto,
} from '@toso/domain/trainings';
import type { Db, Executor } from '../../db/db';
import { AppError, invalid, notFound } from '../../lib/app-error';
import { newId, nowIso, todayInVietnam } from '../../lib/ids';
import { foldedSearch, pageOf, pageWindow } from '../../lib/paging';
import type { Scope } from '../../lib/scope';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import { assertScan } from '../files/file-types';
import { findFileInScope, insertFile } from '../files/files.repository';
import { listPlatforms } from '../supports/platforms.service';
import { getUnitInScope } from '../units/units.service';
import { visiblePartner } from '../partners/partners.service';
import {
  activeMembersOfTeams,
  attendanceCounts,
  coursesOfMember,
  existingInvitees,
  findCourseInScope,
  findMemberInScope,
  findTrainingVisible,
  historyOfMember,
  insertInvitations,
  insertTraining,
  invitationsInScope,
  listInvitations,
  listTrainings,
  markAttendance,
  replaceTopics,
  setCertificate,
  teamsInScope,
  topicsOf,
  updateTraining,
  upsertCourse,
  type TrainingView,
} from './trainings.repository';

export const MAX_CERTIFICATE_BYTES = 5 * 1024 * 1024;

/** Labels of topic keys: platform names from the catalogue, policy topics from the domain. */
export async function topicLabeler(db: Executor) {
  const platforms = new Map((await listPlatforms(db)).map((p) => [`platform:${p.id}`, p.name]));
  return (key: string) =>
    platforms.get(key) ?? POLICY_TOPIC_LABELS[key.slice('policy:'.length) as PolicyTopic] ?? key;
}

export async function getTrainingVisible(db: Executor, scope: Scope, id: string) {
  const t = await findTrainingVisible(db, scope, id);
  if (!t) throw notFound('Không tìm thấy buổi tập huấn');
  return t;
}

function canEdit(actor: Actor, t: TrainingView): boolean {
  return hasPermission(actor.role, 'trainings:write') && actor.scope.contains(t.unit_path);
}

async function summaries(db: Executor, actor: Actor, rows: TrainingView[]) {
  const ids = rows.map((r) => r.id);
  const label = await topicLabeler(db);
  const topics = await topicsOf(db, ids);
  const counts = new Map(
    (await attendanceCounts(db, actor.scope, ids)).map((c) => [c.training_id, c]),
  );
  return rows.map((t): TrainingSummaryDto => ({
    id: t.id,
    title: t.title,
    unitId: t.unit_id,
    unitName: t.unit_name,
    organiserKind: t.organiser_kind as OrganiserKind,
    partnerId: t.partner_id,
    partnerName: t.partner_name,
    topics: topics
      .filter((x) => x.training_id === t.id)
      .map((x) => ({ key: x.topic, label: label(x.topic) })),
    mode: t.mode as TrainingMode,
    place: t.place,
    link: t.link,
    heldOn: t.held_on,
    startTime: t.start_time,
    trainer: t.trainer,
    invited: Number(counts.get(t.id)?.invited ?? 0),
    present: Number(counts.get(t.id)?.present ?? 0),
    canEdit: canEdit(actor, t),
  }));
}

export async function listTrainingsForActor(
  db: Db,
  actor: Actor,
  query: { q?: string; unitId?: string; partnerId?: string; page: number; pageSize: number },
) {
  const unit = query.unitId ? await getUnitInScope(db, actor.scope, query.unitId) : null;
  const { rows, total } = await listTrainings(
    db,
    actor.scope,
    {
      unitPath: unit?.path,
      partnerId: query.partnerId,
      folded: query.q ? foldText(query.q) : undefined,
    },
    pageWindow(query),
  );
  return {
    items: await summaries(db, actor, rows),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getTrainingDetail(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<TrainingDetailDto> {
  const t = await getTrainingVisible(db, actor.scope, id);
  const [summary] = await summaries(db, actor, [t]);
  return { ...summary, notes: t.notes };
}

/** A page of the training's invitations inside the user's scope, by commune, hamlet and name;
 *  `q` searches the member's, the hamlet's and the commune's names without accents. */
export async function listTrainingInvitations(
  db: Executor,
  actor: Actor,
  id: string,
  query: SearchPageQuery,
) {
  await getTrainingVisible(db, actor.scope, id);
  const { rows, total } = await listInvitations(
    db,
    actor.scope,
    id,
    foldedSearch(query),
    pageWindow(query),
  );
  const items = rows.map((i): InvitationDto => ({
    id: i.id,
    memberId: i.member_id,
    fullName: i.full_name,
    teamId: i.team_id,
    teamName: i.team_name,
    hamletName: i.hamlet_name,
    communeName: i.commune_name ?? '',
    present: i.present === 1,
  }));
  return pageOf(items, total, query);
}

async function checkTopicsAndOrganiser(db: Executor, actor: Actor, body: TrainingBody) {
  const platforms = new Set((await listPlatforms(db)).map((p) => `platform:${p.id}`));
  body.topics.forEach((topic, i) => {
    if (topic.startsWith('platform:') && !platforms.has(topic))
      throw invalid(`body.topics.${i}`, 'Nền tảng không có trong danh mục');
  });
  if (body.organiserKind === 'partner') {
    await visiblePartner(db, actor, body.partnerId as string);
  }
}

/** Adds the active members of the teams (and the individual members) not yet invited. */
async function invite(
  tx: Executor,
  actor: Actor,
  training: { id: string; unit_path: string },
  teamIds: string[],
  memberIds: string[],
): Promise<number> {
  const uniqueTeams = [...new Set(teamIds)];
  const teams = await teamsInScope(tx, actor.scope, uniqueTeams);
  for (const [i, id] of uniqueTeams.entries()) {
    const team = teams.find((x) => x.id === id);
    if (!team) throw notFound('Không tìm thấy Tổ');
    if (!team.unit_path.startsWith(training.unit_path) || team.status === 'dissolved')
      throw invalid(`body.teamIds.${i}`, 'Tổ không thuộc địa bàn của buổi tập huấn');
  }
  const members = await activeMembersOfTeams(tx, actor.scope, training.unit_path, uniqueTeams, [
    ...new Set(memberIds),
  ]);
  const found = new Set(members.map((m) => m.id));
  if (memberIds.some((id) => !found.has(id))) throw notFound('Không tìm thấy thành viên');
  const already = await existingInvitees(tx, training.id);
  const rows = members
    .filter((m) => !already.has(m.id))
    .map((m) => ({
      id: newId(),
      training_id: training.id,
      member_id: m.id,
      team_id: m.team_id,
      unit_path: m.unit_path,
      present: 0,
      marked_at: null,
      marked_by: null,
    }));
  await insertInvitations(tx, rows);
  return rows.length;
}

/** The columns a training's form sets: the place only in person, the link only online. */
function editableColumns(body: TrainingBody) {
  const title = cleanText(body.title);
  return {
    title,
    title_folded: foldText(title),
    organiser_kind: body.organiserKind,
    partner_id: body.organiserKind === 'partner' ? body.partnerId : null,
    mode: body.mode,
    place: body.mode === 'in_person' ? body.place : '',
    link: body.mode === 'online' ? body.link : null,
    held_on: body.heldOn,
    start_time: body.startTime,
    trainer: body.trainer,
    notes: body.notes,
  };
}

export async function createTraining(db: Db, actor: Actor, body: TrainingBody) {
  const unit = await getUnitInScope(db, actor.scope, body.unitId);
  if (unit.level === 'hamlet') throw invalid('body.unitId', 'Chọn huyện, tỉnh hoặc xã tổ chức');
  await checkTopicsAndOrganiser(db, actor, body);
  const id = newId();
  const now = nowIso();
  const title = cleanText(body.title);
  await db.transaction().execute(async (tx) => {
    await insertTraining(tx, {
      id,
      unit_id: unit.id,
      unit_path: unit.path,
      ...editableColumns(body),
      is_demo: 0,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await replaceTopics(tx, id, [...new Set(body.topics)]);
    const invited = await invite(
      tx,
      actor,
      { id, unit_path: unit.path },
      body.teamIds,
      body.memberIds,
    );
    await recordAudit(tx, actor, {
      entity: 'training',
      entityId: id,
      action: 'create',
      unitPath: unit.path,
      summary: { after: { title, heldOn: body.heldOn, topics: body.topics, invited } },
    });
  });
  return getTrainingDetail(db, actor, id);
}

async function getEditable(db: Executor, actor: Actor, id: string) {
  const t = await getTrainingVisible(db, actor.scope, id);
  if (!actor.scope.contains(t.unit_path))
    throw new AppError('forbidden', 'Chỉ đơn vị tổ chức được sửa buổi tập huấn này');
  return t;
}

export async function updateTrainingDetails(db: Db, actor: Actor, id: string, body: TrainingBody) {
  const t = await getEditable(db, actor, id);
  if (body.unitId !== t.unit_id)
    throw invalid('body.unitId', 'Không đổi được đơn vị tổ chức của buổi tập huấn');
  await checkTopicsAndOrganiser(db, actor, body);
  const title = cleanText(body.title);
  await db.transaction().execute(async (tx) => {
    await updateTraining(tx, id, {
      ...editableColumns(body),
      updated_at: nowIso(),
    });
    await replaceTopics(tx, id, [...new Set(body.topics)]);
    await invite(tx, actor, t, body.teamIds, body.memberIds);
    await recordAudit(tx, actor, {
      entity: 'training',
      entityId: id,
      action: 'update',
      unitPath: t.unit_path,
      summary: {
        before: { title: t.title, heldOn: t.held_on },
        after: { title, heldOn: body.heldOn },
      },
    });
  });
  return getTrainingDetail(db, actor, id);
}

export async function inviteToTraining(
  db: Db,
  actor: Actor,
  id: string,
  body: { teamIds: string[]; memberIds: string[] },
) {
  const t = await getEditable(db, actor, id);
  await db.transaction().execute(async (tx) => {
    const invited = await invite(tx, actor, t, body.teamIds, body.memberIds);
    await recordAudit(tx, actor, {
      entity: 'training',
      entityId: id,
      action: 'invite',
      unitPath: t.unit_path,
      summary: { after: { teams: body.teamIds.length, members: body.memberIds.length, invited } },
    });
  });
  return getTrainingDetail(db, actor, id);
}

/** Marks attendance of invitations inside the actor's scope; any other id answers 404. */
export async function takeAttendance(
  db: Db,
  actor: Actor,
  id: string,
  body: { present: string[]; absent: string[] },
  action = 'attendance',
) {
  const t = await getTrainingVisible(db, actor.scope, id);
  if (t.held_on > todayInVietnam())
    throw invalid('body.present', 'Buổi tập huấn chưa diễn ra: chưa điểm danh được');
  const both = body.present.filter((x) => body.absent.includes(x));
  if (both.length > 0) throw invalid('body.absent', 'Một thành viên vừa có mặt vừa vắng');
  const mine = new Set((await invitationsInScope(db, actor.scope, id)).map((i) => i.id));
  if ([...body.present, ...body.absent].some((x) => !mine.has(x)))
    throw notFound('Không tìm thấy lời mời');
  const now = nowIso();
  await db.transaction().execute(async (tx) => {
    await markAttendance(tx, body.present, true, actor.userId, now);
    await markAttendance(tx, body.absent, false, actor.userId, now);
    await recordAudit(tx, actor, {
      entity: 'training',
      entityId: id,
      action,
      unitPath: actor.scope.all ? t.unit_path : (actor.unitPath ?? t.unit_path),
      summary: { after: { present: body.present.length, absent: body.absent.length } },
    });
  });
  return getTrainingDetail(db, actor, id);
}

// ---------------------------------------------------------------- members: history and courses

async function getMemberInScope(db: Executor, scope: Scope, memberId: string) {
  const m = await findMemberInScope(db, scope, memberId);
  if (!m) throw notFound('Không tìm thấy thành viên');
  return m;
}

export async function memberHistory(
  db: Executor,
  scope: Scope,
  memberId: string,
): Promise<MemberHistoryDto> {
  const m = await getMemberInScope(db, scope, memberId);
  const history = await historyOfMember(db, memberId);
  const label = await topicLabeler(db);
  const topics = await topicsOf(
    db,
    history.map((h) => h.id),
  );
  return {
    member: {
      memberId: m.member_id,
      fullName: m.full_name,
      teamId: m.team_id,
      teamName: m.team_name,
      hamletName: m.hamlet_name,
      communeName: m.commune_name ?? '',
      leftOn: m.left_on,
    },
    trainings: history.map((h) => ({
      trainingId: h.id,
      title: h.title,
      heldOn: h.held_on,
      topics: topics
        .filter((x) => x.training_id === h.id)
        .map((x) => ({ key: x.topic, label: label(x.topic) })),
      present: h.present === 1,
    })),
    courses: (await coursesOfMember(db, memberId)).map((c) => ({
      id: c.id,
      course: c.course as NationalCourse,
      completedOn: c.completed_on,
      hasCertificate: c.certificate_file_id !== null,
    })),
  };
}

export async function recordCourse(
  db: Db,
  actor: Actor,
  memberId: string,
  body: { course: NationalCourse; completedOn: string },
) {
  const m = await getMemberInScope(db, actor.scope, memberId);
  if (body.completedOn > todayInVietnam())
    throw invalid('body.completedOn', 'Ngày hoàn thành không được sau hôm nay');
  await db.transaction().execute(async (tx) => {
    const id = await upsertCourse(tx, {
      id: newId(),
      member_id: memberId,
      unit_path: m.unit_path,
      course: body.course,
      completed_on: body.completedOn,
      certificate_file_id: null,
      created_by: actor.userId,
      created_at: nowIso(),
    });
    await recordAudit(tx, actor, {
      entity: 'member_course',
      entityId: id,
      action: 'record',
      unitPath: m.unit_path,
      summary: { after: body },
    });
  });
  return memberHistory(db, actor.scope, memberId);
}

/** Certificate of a course: PDF, PNG or JPEG recognised by content, at most 5 MB. */
export async function uploadCertificate(
  db: Db,
  actor: Actor,
  courseId: string,
  data: Buffer,
  originalName: string,
) {
  const course = await findCourseInScope(db, actor.scope, courseId);
  if (!course) throw notFound('Không tìm thấy khoá học');
  if (data.length > MAX_CERTIFICATE_BYTES)
    throw new AppError('payload_too_large', 'Giấy chứng nhận lớn hơn 5 MB', [
      { path: 'file', message: 'Tệp lớn hơn 5 MB: chụp lại với độ phân giải thấp hơn' },
    ]);
  const mime = assertScan(data);
  const fileId = newId();
  await db.transaction().execute(async (tx) => {
    await insertFile(tx, {
      id: fileId,
      unit_path: course.unit_path,
      purpose: 'course_certificate',
      mime,
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      original_name: originalName.slice(0, 200),
      data,
      created_at: nowIso(),
      created_by: actor.userId,
    });
    await setCertificate(tx, courseId, fileId);
    await recordAudit(tx, actor, {
      entity: 'member_course',
      entityId: courseId,
      action: 'upload_certificate',
      unitPath: course.unit_path,
      summary: { after: { fileId, mime, size: data.length } },
    });
  });
  return memberHistory(db, actor.scope, course.member_id);
}

export async function getCertificate(db: Executor, scope: Scope, courseId: string) {
  const course = await findCourseInScope(db, scope, courseId);
  if (!course?.certificate_file_id) throw notFound('Chưa có giấy chứng nhận');
  const file = await findFileInScope(db, scope, course.certificate_file_id);
  if (!file) throw notFound('Chưa có giấy chứng nhận');
  return file;
}
