import { sql } from 'kysely';
import type { Executor } from '../../db/db';
import type { MemberCoursesTable, TrainingInvitationsTable, TrainingsTable } from '../../db/schema';
import type { Scope } from '../../lib/scope';
import { contains, inScope, startsWith } from '../../lib/sql';

/**
 * Trainings a scope may see: those organised inside it, and those that invited members of it
 * (a commune officer sees the district's training, but only the invitations of the commune).
 */
function visibleTrainings(db: Executor, scope: Scope) {
  return db
    .selectFrom('trainings')
    .innerJoin('units', 'units.id', 'trainings.unit_id')
    .leftJoin('partners', 'partners.id', 'trainings.partner_id')
    .where((eb) =>
      scope.all
        ? sql<boolean>`1 = 1`
        : eb.or([
            inScope(scope, 'trainings.unit_path'),
            eb.exists(
              eb
                .selectFrom('training_invitations as vi')
                .select('vi.id')
                .whereRef('vi.training_id', '=', 'trainings.id')
                .where(inScope(scope, 'vi.unit_path')),
            ),
          ]),
    );
}

const trainingColumns = [
  'trainings.id',
  'trainings.unit_id',
  'trainings.unit_path',
  'trainings.title',
  'trainings.organiser_kind',
  'trainings.partner_id',
  'trainings.mode',
  'trainings.place',
  'trainings.link',
  'trainings.held_on',
  'trainings.start_time',
  'trainings.trainer',
  'trainings.notes',
  'units.name as unit_name',
  'partners.name as partner_name',
] as const;

export type TrainingView = NonNullable<Awaited<ReturnType<typeof findTrainingVisible>>>;

export async function findTrainingVisible(db: Executor, scope: Scope, id: string) {
  return visibleTrainings(db, scope)
    .select(trainingColumns)
    .where('trainings.id', '=', id)
    .executeTakeFirst();
}

export async function listTrainings(
  db: Executor,
  scope: Scope,
  filter: { unitPath?: string; partnerId?: string; folded?: string },
  page: { limit: number; offset: number },
) {
  let q = visibleTrainings(db, scope);
  if (filter.unitPath) {
    const p = filter.unitPath;
    q = q.where((eb) =>
      eb.or([
        startsWith('trainings.unit_path', p),
        eb.exists(
          eb
            .selectFrom('training_invitations as ui')
            .select('ui.id')
            .whereRef('ui.training_id', '=', 'trainings.id')
            .where(startsWith('ui.unit_path', p)),
        ),
      ]),
    );
  }
  if (filter.partnerId) q = q.where('trainings.partner_id', '=', filter.partnerId);
  if (filter.folded) q = q.where(contains('trainings.title_folded', filter.folded));
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q
    .select(trainingColumns)
    .orderBy('trainings.held_on', 'desc')
    .orderBy('trainings.start_time', 'desc')
    .orderBy('trainings.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total) };
}

export async function topicsOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('training_topics')
    .selectAll()
    .where('training_id', 'in', ids)
    .orderBy('topic')
    .execute();
}

/** Invited and present, counting only the invitations inside the scope. */
export async function attendanceCounts(db: Executor, scope: Scope, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('training_invitations')
    .select((eb) => [
      'training_id',
      eb.fn.countAll<number>().as('invited'),
      eb.fn.sum<number>('present').as('present'),
    ])
    .where('training_id', 'in', ids)
    .where(inScope(scope, 'training_invitations.unit_path'))
    .groupBy('training_id')
    .execute();
}

function invitationsQuery(db: Executor, scope: Scope, trainingId: string) {
  return db
    .selectFrom('training_invitations as ti')
    .innerJoin('team_members as m', 'm.id', 'ti.member_id')
    .innerJoin('teams', 'teams.id', 'ti.team_id')
    .innerJoin('units as hamlet', 'hamlet.id', 'teams.hamlet_id')
    .leftJoin('units as commune', 'commune.id', 'hamlet.parent_id')
    .where('ti.training_id', '=', trainingId)
    .where(inScope(scope, 'ti.unit_path'));
}

const invitationColumns = [
  'ti.id',
  'ti.member_id',
  'ti.team_id',
  'ti.unit_path',
  'ti.present',
  'm.full_name',
  'm.full_name_folded',
  'm.phone',
  'teams.name as team_name',
  'hamlet.name as hamlet_name',
  'hamlet.name_folded as hamlet_folded',
  'commune.name as commune_name',
  'commune.code as commune_code',
] as const;

/** Every invitation of the training inside the scope, by commune, hamlet and name (for the
 *  attendance sheet and its import). */
export async function invitationsInScope(db: Executor, scope: Scope, trainingId: string) {
  return invitationsQuery(db, scope, trainingId)
    .select(invitationColumns)
    .orderBy('commune.code')
    .orderBy('hamlet.name_folded')
    .orderBy('m.full_name_folded')
    .execute();
}

/** A page of the training's invitations inside the scope, in the order of the sheet; `folded`
 *  searches the member's, the hamlet's and the commune's names. */
export async function listInvitations(
  db: Executor,
  scope: Scope,
  trainingId: string,
  folded: string | undefined,
  page: { limit: number; offset: number },
) {
  let q = invitationsQuery(db, scope, trainingId);
  if (folded)
    q = q.where((eb) =>
      eb.or([
        contains('m.full_name_folded', folded),
        contains('hamlet.name_folded', folded),
        contains('commune.name_folded', folded),
      ]),
    );
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q
    .select(invitationColumns)
    .orderBy('commune.code')
    .orderBy('hamlet.name_folded')
    .orderBy('m.full_name_folded')
    .orderBy('ti.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total) };
}

export async function insertTraining(db: Executor, row: TrainingsTable) {
  await db.insertInto('trainings').values(row).execute();
}

export async function updateTraining(
  db: Executor,
  id: string,
  changes: Partial<Omit<TrainingsTable, 'id'>>,
) {
  await db.updateTable('trainings').set(changes).where('id', '=', id).execute();
}

export async function replaceTopics(db: Executor, trainingId: string, topics: string[]) {
  await db.deleteFrom('training_topics').where('training_id', '=', trainingId).execute();
  if (topics.length === 0) return;
  await db
    .insertInto('training_topics')
    .values(topics.map((topic) => ({ training_id: trainingId, topic })))
    .execute();
}

export async function existingInvitees(db: Executor, trainingId: string) {
  const rows = await db
    .selectFrom('training_invitations')
    .select('member_id')
    .where('training_id', '=', trainingId)
    .execute();
  return new Set(rows.map((r) => r.member_id));
}

export async function insertInvitations(db: Executor, rows: TrainingInvitationsTable[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('training_invitations')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function markAttendance(
  db: Executor,
  ids: string[],
  present: boolean,
  by: string | null,
  at: string,
) {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable('training_invitations')
      .set({ present: present ? 1 : 0, marked_at: at, marked_by: by })
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
}

/** Active members of the given teams, inside the scope and under a unit path. */
export async function activeMembersOfTeams(
  db: Executor,
  scope: Scope,
  underPath: string,
  teamIds: string[],
  memberIds: string[],
) {
  if (teamIds.length === 0 && memberIds.length === 0) return [];
  return db
    .selectFrom('team_members as m')
    .innerJoin('teams', 'teams.id', 'm.team_id')
    .select(['m.id', 'm.team_id', 'teams.unit_path', 'teams.status'])
    .where(inScope(scope, 'teams.unit_path'))
    .where(startsWith('teams.unit_path', underPath))
    .where('m.left_on', 'is', null)
    .where('teams.status', '!=', 'dissolved')
    .where((eb) =>
      eb.or([
        ...(teamIds.length ? [eb('m.team_id', 'in', teamIds)] : []),
        ...(memberIds.length ? [eb('m.id', 'in', memberIds)] : []),
      ]),
    )
    .execute();
}

export async function teamsInScope(db: Executor, scope: Scope, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('teams')
    .select(['id', 'unit_path', 'status'])
    .where('id', 'in', ids)
    .where(inScope(scope, 'teams.unit_path'))
    .execute();
}

const memberRefColumns = [
  'm.id as member_id',
  'm.full_name',
  'm.full_name_folded',
  'm.left_on',
  'm.joined_on',
  'm.team_id',
  'teams.name as team_name',
  'teams.unit_path',
  'teams.dissolved_on',
  'hamlet.name as hamlet_name',
  'commune.id as commune_id',
  'commune.name as commune_name',
  'commune.code as commune_code',
] as const;

function membersQuery(db: Executor, scope: Scope) {
  return db
    .selectFrom('team_members as m')
    .innerJoin('teams', 'teams.id', 'm.team_id')
    .innerJoin('units as hamlet', 'hamlet.id', 'teams.hamlet_id')
    .leftJoin('units as commune', 'commune.id', 'hamlet.parent_id')
    .where(inScope(scope, 'teams.unit_path'));
}

export type MemberRef = Awaited<ReturnType<typeof membersUnder>>[number];

/** Every member (former ones too) of teams under any of the paths, inside the scope. */
export async function membersUnder(db: Executor, scope: Scope, paths: string[]) {
  if (paths.length === 0) return [];
  return membersQuery(db, scope)
    .select(memberRefColumns)
    .where((eb) => eb.or(paths.map((p) => startsWith('teams.unit_path', p))))
    .execute();
}

export async function findMemberInScope(db: Executor, scope: Scope, memberId: string) {
  return membersQuery(db, scope)
    .select(memberRefColumns)
    .where('m.id', '=', memberId)
    .executeTakeFirst();
}

/** (member, topic) pairs of members present at a training held on or before `until`. */
export async function presentTopicsUnder(db: Executor, paths: string[], until: string) {
  if (paths.length === 0) return [];
  return db
    .selectFrom('training_invitations as ti')
    .innerJoin('trainings as t', 't.id', 'ti.training_id')
    .innerJoin('training_topics as tt', 'tt.training_id', 't.id')
    .select(['ti.member_id', 'tt.topic'])
    .distinct()
    .where('ti.present', '=', 1)
    .where('t.held_on', '<=', until)
    .where((eb) => eb.or(paths.map((p) => startsWith('ti.unit_path', p))))
    .execute();
}

export async function historyOfMember(db: Executor, memberId: string) {
  return db
    .selectFrom('training_invitations as ti')
    .innerJoin('trainings as t', 't.id', 'ti.training_id')
    .select(['t.id', 't.title', 't.held_on', 'ti.present'])
    .where('ti.member_id', '=', memberId)
    .orderBy('t.held_on', 'desc')
    .execute();
}

export async function coursesOfMember(db: Executor, memberId: string) {
  return db
    .selectFrom('member_courses')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('completed_on')
    .execute();
}

export async function findCourseInScope(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('member_courses')
    .selectAll()
    .where('id', '=', id)
    .where(inScope(scope, 'member_courses.unit_path'))
    .executeTakeFirst();
}

export async function upsertCourse(db: Executor, row: MemberCoursesTable) {
  const existing = await db
    .selectFrom('member_courses')
    .select('id')
    .where('member_id', '=', row.member_id)
    .where('course', '=', row.course)
    .executeTakeFirst();
  if (existing) {
    await db
      .updateTable('member_courses')
      .set({ completed_on: row.completed_on })
      .where('id', '=', existing.id)
      .execute();
    return existing.id;
  }
  await db.insertInto('member_courses').values(row).execute();
  return row.id;
}

export async function setCertificate(db: Executor, id: string, fileId: string) {
  await db
    .updateTable('member_courses')
    .set({ certificate_file_id: fileId })
    .where('id', '=', id)
    .execute();
}

/** The current communes inside the scope (for picking the communes whose teams to invite). */
export async function communesInScope(db: Executor, scope: Scope, today: string) {
  return db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('level', '=', 'commune')
    .where(inScope(scope, 'units.path'))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', today)]))
    .orderBy('code')
    .orderBy('name_folded')
    .limit(1000)
    .execute();
}
