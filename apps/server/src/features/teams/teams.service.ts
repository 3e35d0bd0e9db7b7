import { maskPhone } from '@toso/domain/phone';
import { cleanText, foldText } from '@toso/domain/text';
import {
  checkComposition,
  defaultTeamName,
  formatDecisionNumber,
  type Affiliation,
  type MemberBody,
  type MemberDto,
  type Sex,
  type TeamDetailDto,
  type TeamRole,
  type TeamStatus,
  type TeamSummaryDto,
} from '@toso/domain/teams';
import type { Db, Executor } from '../../db/db';
import { AppError, invalid, notFound } from '../../lib/app-error';
import { newId, nowIso, todayInVietnam } from '../../lib/ids';
import type { Scope } from '../../lib/scope';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import { latestDecisionsOfTeams } from '../decisions/decisions.repository';
import { effectiveSettings } from '../settings/settings.service';
import { getUnitInScope } from '../units/units.service';
import {
  findMember,
  findOtherMemberships,
  findTeamInScope,
  insertMembers,
  insertTeam,
  listMembersOfTeams,
  listTeams,
  updateMember,
  updateTeam,
  type MemberRow,
  type TeamView,
} from './teams.repository';
import { pageWindow } from '../../lib/paging';

export async function getTeamInScope(db: Executor, scope: Scope, id: string): Promise<TeamView> {
  const team = await findTeamInScope(db, scope, id);
  if (!team) throw notFound('Không tìm thấy Tổ');
  return team;
}

function toMemberDto(
  m: MemberRow,
  scope: Scope,
  others: Map<string, { teamId: string; teamName: string }[]>,
): MemberDto {
  return {
    id: m.id,
    teamId: m.team_id,
    fullName: m.full_name,
    sex: m.sex as Sex | null,
    birthYear: m.birth_year,
    // Partners read team lists but see no personal phone numbers.
    phone: m.phone && scope.role === 'partner' ? maskPhone(m.phone) : m.phone,
    affiliation: m.affiliation as Affiliation,
    position: m.position,
    digitalSkills: m.digital_skills,
    role: m.role as TeamRole,
    joinedOn: m.joined_on,
    leftOn: m.left_on,
    otherActiveTeams: others.get(m.id) ?? [],
  };
}

async function summaries(db: Executor, scope: Scope, teams: TeamView[]): Promise<TeamSummaryDto[]> {
  const ids = teams.map((t) => t.id);
  const members = (await listMembersOfTeams(db, ids)).filter((m) => m.left_on === null);
  const decisions = await latestDecisionsOfTeams(db, ids);
  const settingsByPath = new Map<string, Awaited<ReturnType<typeof effectiveSettings>>>();
  const out: TeamSummaryDto[] = [];
  for (const t of teams) {
    const communePath = t.unit_path.split('/').slice(0, -2).join('/') + '/';
    let settings = settingsByPath.get(communePath);
    if (!settings) {
      settings = await effectiveSettings(db, t.unit_path);
      settingsByPath.set(communePath, settings);
    }
    const mine = members.filter((m) => m.team_id === t.id);
    const d = decisions.get(t.id);
    out.push({
      id: t.id,
      name: t.name,
      hamletId: t.hamlet_id,
      hamletName: t.hamlet_name,
      communeId: t.commune_id,
      communeName: t.commune_name,
      status: t.status as TeamStatus,
      establishedOn: t.established_on,
      dissolvedOn: t.dissolved_on,
      memberCount: mine.length,
      composition: checkComposition(
        mine.map((m) => ({ affiliation: m.affiliation as Affiliation, role: m.role as TeamRole })),
        settings,
      ),
      decision: d
        ? {
            id: d.id,
            number: formatDecisionNumber(d.number, d.symbol),
            decidedOn: d.decided_on,
            status: d.status as 'draft' | 'issued',
            hasScan: d.scan_file_id !== null,
          }
        : null,
      isDemo: t.is_demo === 1,
    });
  }
  return out;
}

export async function listTeamsForActor(
  db: Db,
  actor: Actor,
  query: { unitId?: string; status?: TeamStatus; q?: string; page: number; pageSize: number },
) {
  const unit = query.unitId ? await getUnitInScope(db, actor.scope, query.unitId) : null;
  const { rows, total } = await listTeams(
    db,
    actor.scope,
    { unitPath: unit?.path, status: query.status, folded: query.q ? foldText(query.q) : undefined },
    pageWindow(query),
  );
  return {
    items: await summaries(db, actor.scope, rows),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getTeamDetail(
  db: Executor,
  scope: Scope,
  id: string,
): Promise<TeamDetailDto> {
  const team = await getTeamInScope(db, scope, id);
  const [summary] = await summaries(db, scope, [team]);
  const all = await listMembersOfTeams(db, [team.id]);
  const active = all.filter((m) => m.left_on === null);
  const others = new Map<string, { teamId: string; teamName: string }[]>();
  for (const o of await findOtherMemberships(db, active)) {
    if (o.team_id === team.id) continue;
    for (const m of active) {
      const same =
        (m.phone && m.phone === o.phone) ||
        (m.birth_year !== null &&
          m.birth_year === o.birth_year &&
          m.full_name_folded === o.full_name_folded);
      if (!same) continue;
      const list = others.get(m.id) ?? [];
      if (!list.some((x) => x.teamId === o.team_id)) {
        list.push({
          teamId: o.team_id,
          teamName: scope.contains(o.unit_path) ? o.team_name : 'Một Tổ ở địa bàn khác',
        });
      }
      others.set(m.id, list);
    }
  }
  const settings = await effectiveSettings(db, team.unit_path);
  return {
    ...summary,
    compositionReason: team.composition_reason,
    members: active.map((m) => toMemberDto(m, scope, others)),
    formerMembers: all.filter((m) => m.left_on !== null).map((m) => toMemberDto(m, scope, others)),
    settings: {
      teamSizeMin: settings.teamSizeMin,
      teamSizeMax: settings.teamSizeMax,
      requiredAffiliations: settings.requiredAffiliations,
      establishmentDeadline: settings.establishmentDeadline,
    },
  };
}

export async function createTeam(db: Db, actor: Actor, body: { hamletId: string; name?: string }) {
  const hamlet = await getUnitInScope(db, actor.scope, body.hamletId);
  if (hamlet.level !== 'hamlet')
    throw invalid('body.hamletId', 'Tổ được thành lập ở xóm, thôn, tổ dân phố');
  const id = newId();
  const now = nowIso();
  const name = cleanText(body.name ?? defaultTeamName(hamlet.name));
  await db.transaction().execute(async (tx) => {
    await insertTeam(tx, {
      id,
      hamlet_id: hamlet.id,
      unit_path: hamlet.path,
      name,
      name_folded: foldText(name),
      status: 'proposed',
      proposed_on: todayInVietnam(),
      established_on: null,
      dissolved_on: null,
      composition_reason: null,
      is_demo: 0,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, actor, {
      entity: 'team',
      entityId: id,
      action: 'create',
      unitPath: hamlet.path,
      summary: { after: { name, hamletId: hamlet.id } },
    });
  });
  return getTeamDetail(db, actor.scope, id);
}

export async function renameTeam(db: Db, actor: Actor, id: string, name: string) {
  const team = await getTeamInScope(db, actor.scope, id);
  const clean = cleanText(name);
  await db.transaction().execute(async (tx) => {
    await updateTeam(tx, id, { name: clean, name_folded: foldText(clean), updated_at: nowIso() });
    await recordAudit(tx, actor, {
      entity: 'team',
      entityId: id,
      action: 'rename',
      unitPath: team.unit_path,
      summary: { before: { name: team.name }, after: { name: clean } },
    });
  });
  return getTeamDetail(db, actor.scope, id);
}

function assertLive(team: TeamView): void {
  if (team.status === 'dissolved')
    throw new AppError('conflict', 'Tổ đã giải thể: không thể thay đổi');
}

/** Member fields as stored; personal data (phone) is kept out of the audit summary. */
export function memberRow(teamId: string, body: MemberBody, now: string, id = newId()): MemberRow {
  const fullName = cleanText(body.fullName);
  return {
    id,
    team_id: teamId,
    full_name: fullName,
    full_name_folded: foldText(fullName),
    sex: body.sex,
    birth_year: body.birthYear,
    phone: body.phone,
    affiliation: body.affiliation,
    position: body.position,
    digital_skills: body.digitalSkills,
    role: body.role,
    joined_on: body.joinedOn ?? todayInVietnam(),
    left_on: null,
    created_at: now,
    updated_at: now,
  };
}

export async function addMembers(
  db: Db,
  actor: Actor,
  teamId: string,
  bodies: MemberBody[],
  action = 'add_member',
) {
  const team = await getTeamInScope(db, actor.scope, teamId);
  assertLive(team);
  const now = nowIso();
  const rows = bodies.map((b) => memberRow(teamId, b, now));
  await db.transaction().execute(async (tx) => {
    await insertMembers(tx, rows);
    await recordAudit(tx, actor, {
      entity: 'team',
      entityId: teamId,
      action,
      unitPath: team.unit_path,
      summary: {
        after: {
          members: rows.map((r) => ({
            id: r.id,
            fullName: r.full_name,
            role: r.role,
            affiliation: r.affiliation,
          })),
        },
      },
    });
  });
  return getTeamDetail(db, actor.scope, teamId);
}

export async function editMember(
  db: Db,
  actor: Actor,
  teamId: string,
  memberId: string,
  body: MemberBody,
) {
  const team = await getTeamInScope(db, actor.scope, teamId);
  assertLive(team);
  const member = await findMember(db, teamId, memberId);
  if (!member) throw notFound('Không tìm thấy thành viên');
  if (member.left_on) throw new AppError('conflict', 'Thành viên đã rời Tổ');
  const {
    id: _id,
    created_at: _c,
    left_on: _l,
    team_id: _t,
    ...changes
  } = memberRow(teamId, body, nowIso(), memberId);
  await db.transaction().execute(async (tx) => {
    await updateMember(tx, memberId, { ...changes, joined_on: body.joinedOn ?? member.joined_on });
    await recordAudit(tx, actor, {
      entity: 'team',
      entityId: teamId,
      action: 'edit_member',
      unitPath: team.unit_path,
      summary: {
        before: { memberId, fullName: member.full_name, role: member.role },
        after: {
          fullName: changes.full_name,
          role: changes.role,
          affiliation: changes.affiliation,
        },
      },
    });
  });
  return getTeamDetail(db, actor.scope, teamId);
}

export async function memberLeaves(
  db: Db,
  actor: Actor,
  teamId: string,
  memberId: string,
  leftOn: string,
) {
  const team = await getTeamInScope(db, actor.scope, teamId);
  assertLive(team);
  const member = await findMember(db, teamId, memberId);
  if (!member) throw notFound('Không tìm thấy thành viên');
  if (member.left_on) throw new AppError('conflict', 'Thành viên đã rời Tổ');
  if (member.joined_on && leftOn < member.joined_on)
    throw invalid('body.leftOn', 'Ngày rời Tổ phải sau ngày tham gia');
  await db.transaction().execute(async (tx) => {
    await updateMember(tx, memberId, { left_on: leftOn, updated_at: nowIso() });
    await recordAudit(tx, actor, {
      entity: 'team',
      entityId: teamId,
      action: 'member_left',
      unitPath: team.unit_path,
      summary: { after: { memberId, fullName: member.full_name, leftOn } },
    });
  });
  return getTeamDetail(db, actor.scope, teamId);
}

export async function dissolveTeam(
  db: Db,
  actor: Actor,
  teamId: string,
  dissolvedOn: string,
  reason: string,
) {
  const team = await getTeamInScope(db, actor.scope, teamId);
  assertLive(team);
  await db.transaction().execute(async (tx) => {
    await updateTeam(tx, teamId, {
      status: 'dissolved',
      dissolved_on: dissolvedOn,
      updated_at: nowIso(),
    });
    await recordAudit(tx, actor, {
      entity: 'team',
      entityId: teamId,
      action: 'dissolve',
      unitPath: team.unit_path,
      summary: {
        before: { status: team.status },
        after: { status: 'dissolved', dissolvedOn, reason },
      },
    });
  });
  return getTeamDetail(db, actor.scope, teamId);
}
