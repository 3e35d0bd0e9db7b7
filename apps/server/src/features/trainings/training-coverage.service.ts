import { coverageByGroup, share, type CoverageFigure } from '@toso/domain/trainings';
import { compareVietnamese } from '@toso/domain/text';
import type { Executor } from '../../db/db';
import { notFound } from '../../lib/app-error';
import { todayInVietnam } from '../../lib/ids';
import type { Scope } from '../../lib/scope';
import { inScope, startsWith } from '../../lib/sql';
import { membersUnder, presentTopicsUnder, type MemberRef } from './trainings.repository';

/** The figures one unit's subtree gets from `trainedMembersByUnit`. */
export interface TrainedMembersFigure {
  unitId: string;
  /** Members active on `until` (not left, team not dissolved) of the teams under the unit. */
  activeMembers: number;
  /** Of those, how many were present at a training (on `platformId` when given, else any topic). */
  trainedMembers: number;
  /** Per topic key (`platform:<id>`, `policy:<code>`): active members present at least once. */
  byTopic: Record<string, number>;
}

function isActive(m: MemberRef, until: string): boolean {
  if (m.left_on !== null && m.left_on <= until) return false;
  if (m.dissolved_on !== null && m.dissolved_on <= until) return false;
  if (m.joined_on !== null && m.joined_on > until) return false;
  return true;
}

/** Members under the paths and the topics each was trained on, up to `until`. */
export async function loadTrainingState(
  db: Executor,
  scope: Scope,
  paths: string[],
  until: string,
) {
  const members = await membersUnder(db, scope, paths);
  const topicsByMember = new Map<string, Set<string>>();
  for (const r of await presentTopicsUnder(db, paths, until)) {
    const s = topicsByMember.get(r.member_id) ?? new Set<string>();
    s.add(r.topic);
    topicsByMember.set(r.member_id, s);
  }
  const trainedOn = (topic: string | null) =>
    members
      .filter((m) => {
        const s = topicsByMember.get(m.member_id);
        return s !== undefined && (topic === null || s.has(topic));
      })
      .map((m) => m.member_id);
  const left = (m: MemberRef) => !isActive(m, until);
  return { members, topicsByMember, trainedOn, left };
}

/**
 * For other features (dashboard, reports): the number of active members trained, per unit
 * subtree. Every unit must lie inside the scope (404 otherwise). A member present at several
 * trainings counts once; members who left before `until` are not counted.
 */
export async function trainedMembersByUnit(
  db: Executor,
  scope: Scope,
  unitIds: string[],
  options: { platformId?: string; until?: string } = {},
): Promise<Map<string, TrainedMembersFigure>> {
  const out = new Map<string, TrainedMembersFigure>();
  if (unitIds.length === 0) return out;
  const until = options.until ?? todayInVietnam();
  const units = await db
    .selectFrom('units')
    .select(['id', 'path'])
    .where('id', 'in', unitIds)
    .where(inScope(scope, 'units.path'))
    .execute();
  if (units.length !== new Set(unitIds).size) throw notFound('Không tìm thấy đơn vị');
  const state = await loadTrainingState(
    db,
    scope,
    units.map((u) => u.path),
    until,
  );
  const topic = options.platformId ? `platform:${options.platformId}` : null;
  const trained = new Set(state.trainedOn(topic));
  for (const u of units) {
    const mine = state.members.filter((m) => m.unit_path.startsWith(u.path) && !state.left(m));
    const ids = new Set(mine.map((m) => m.member_id));
    const byTopic: Record<string, number> = {};
    for (const id of ids) {
      for (const t of state.topicsByMember.get(id) ?? []) byTopic[t] = (byTopic[t] ?? 0) + 1;
    }
    out.set(u.id, {
      unitId: u.id,
      activeMembers: ids.size,
      trainedMembers: [...ids].filter((id) => trained.has(id)).length,
      byTopic,
    });
  }
  return out;
}

/** Coverage of one topic under a unit, per commune and per team. */
export async function topicCoverage(
  db: Executor,
  scope: Scope,
  unit: { id: string; name: string; path: string },
  topic: string,
) {
  const state = await loadTrainingState(db, scope, [unit.path], todayInVietnam());
  const trained = state.trainedOn(topic);
  const row = (id: string, name: string, f: CoverageFigure | undefined) => ({
    id,
    name,
    active: f?.active ?? 0,
    trained: f?.trained ?? 0,
    share: f?.share ?? null,
  });
  const teamInfo = new Map<string, { name: string; communeName: string; code: string }>();
  const communeNames = new Map<string, { name: string; code: string }>();
  for (const m of state.members) {
    teamInfo.set(m.team_id, {
      name: m.team_name,
      communeName: m.commune_name ?? '',
      code: m.commune_code ?? '',
    });
    if (m.commune_id)
      communeNames.set(m.commune_id, { name: m.commune_name ?? '', code: m.commune_code ?? '' });
  }
  const byTeam = coverageByGroup(
    state.members.map((m) => ({ id: m.member_id, group: m.team_id, left: state.left(m) })),
    trained,
    [...teamInfo.keys()],
  );
  const byCommune = coverageByGroup(
    state.members.map((m) => ({
      id: m.member_id,
      group: m.commune_id ?? '',
      left: state.left(m),
    })),
    trained,
    [...communeNames.keys()],
  );
  const all = coverageByGroup(
    state.members.map((m) => ({ id: m.member_id, group: 'all', left: state.left(m) })),
    trained,
    ['all'],
  ).get('all');
  const communes = [...communeNames.entries()]
    .sort((a, b) => a[1].code.localeCompare(b[1].code))
    .map(([id, c]) => row(id, c.name, byCommune.get(id)));
  const teams = [...teamInfo.entries()]
    .sort((a, b) => a[1].code.localeCompare(b[1].code) || compareVietnamese(a[1].name, b[1].name))
    .map(([id, t]) => ({ ...row(id, t.name, byTeam.get(id)), communeName: t.communeName }));
  return {
    unitId: unit.id,
    unitName: unit.name,
    topic,
    total: { ...row(unit.id, unit.name, all), share: share(all?.trained ?? 0, all?.active ?? 0) },
    communes,
    teams,
  };
}

/** Active members under the unit never present at a training on the topic (paginated). */
export async function untrainedMembers(
  db: Executor,
  scope: Scope,
  unitPath: string,
  topic: string,
  page: { page: number; pageSize: number },
) {
  const state = await loadTrainingState(db, scope, [unitPath], todayInVietnam());
  const trained = new Set(state.trainedOn(topic));
  const list = state.members
    .filter((m) => !state.left(m) && !trained.has(m.member_id))
    .sort(
      (a, b) =>
        (a.commune_code ?? '').localeCompare(b.commune_code ?? '') ||
        compareVietnamese(a.hamlet_name, b.hamlet_name) ||
        compareVietnamese(a.full_name, b.full_name),
    );
  const start = (page.page - 1) * page.pageSize;
  return {
    items: list.slice(start, start + page.pageSize).map((m) => ({
      memberId: m.member_id,
      fullName: m.full_name,
      teamId: m.team_id,
      teamName: m.team_name,
      hamletName: m.hamlet_name,
      communeName: m.commune_name ?? '',
    })),
    total: list.length,
    page: page.page,
    pageSize: page.pageSize,
  };
}

/**
 * For the dashboard: members active on `until` of the teams under one unit, and how many of them
 * were present at a training (any topic) by then — the figures of `trainedMembersByUnit` without
 * `byTopic`, counted by the database in one pass over the members (a member row joins its one
 * team) instead of reading every member, so a province's figure costs a few milliseconds. The
 * caller checks the scope.
 */
export async function trainedMembersCount(
  db: Executor,
  unitPath: string,
  until: string = todayInVietnam(),
): Promise<{ activeMembers: number; trainedMembers: number }> {
  const row = await db
    .selectFrom('team_members as m')
    .innerJoin('teams', 'teams.id', 'm.team_id')
    .where(startsWith('teams.unit_path', unitPath))
    .where((eb) => eb.or([eb('m.left_on', 'is', null), eb('m.left_on', '>', until)]))
    .where((eb) =>
      eb.or([eb('teams.dissolved_on', 'is', null), eb('teams.dissolved_on', '>', until)]),
    )
    .where((eb) => eb.or([eb('m.joined_on', 'is', null), eb('m.joined_on', '<=', until)]))
    .select((eb) => eb.fn.countAll<number>().as('active'))
    // The members present at a training: an uncorrelated subquery, read once by either database
    // (a hashed subplan on PostgreSQL) rather than once per member.
    .select((eb) =>
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb(
                'm.id',
                'in',
                eb
                  .selectFrom('training_invitations as ti')
                  .innerJoin('trainings as t', 't.id', 'ti.training_id')
                  .innerJoin('training_topics as tt', 'tt.training_id', 't.id')
                  .select('ti.member_id')
                  .where('ti.present', '=', 1)
                  .where('t.held_on', '<=', until)
                  .where(startsWith('ti.unit_path', unitPath)),
              ),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('trained'),
    )
    .executeTakeFirstOrThrow();
  return { activeMembers: Number(row.active), trainedMembers: Number(row.trained ?? 0) };
}
