import { sql } from 'kysely';
import type { Executor } from '../../db/db';
import type { TeamMembersTable, TeamsTable } from '../../db/schema';
import type { Scope } from '../../lib/scope';
import { contains, inScope, startsWith } from '../../lib/sql';
import { keepCoverageCounts } from '../dashboard/coverage-counts';

export type TeamRow = TeamsTable;
export type MemberRow = TeamMembersTable;

const teamColumns = [
  'teams.id',
  'teams.hamlet_id',
  'teams.unit_path',
  'teams.name',
  'teams.status',
  'teams.proposed_on',
  'teams.established_on',
  'teams.dissolved_on',
  'teams.composition_reason',
  'teams.is_demo',
  'hamlet.name as hamlet_name',
  'commune.id as commune_id',
  'commune.name as commune_name',
] as const;

function teamsQuery(db: Executor, scope: Scope) {
  return db
    .selectFrom('teams')
    .innerJoin('units as hamlet', 'hamlet.id', 'teams.hamlet_id')
    .leftJoin('units as commune', 'commune.id', 'hamlet.parent_id')
    .where(inScope(scope, 'teams.unit_path'));
}

export type TeamView = Awaited<ReturnType<typeof findTeamInScope>> & object;

export async function findTeamInScope(db: Executor, scope: Scope, id: string) {
  return teamsQuery(db, scope).select(teamColumns).where('teams.id', '=', id).executeTakeFirst();
}

export async function listTeams(
  db: Executor,
  scope: Scope,
  filter: { unitPath?: string; status?: string; folded?: string },
  page: { limit: number; offset: number },
) {
  let q = teamsQuery(db, scope);
  if (filter.unitPath) q = q.where(startsWith('teams.unit_path', filter.unitPath));
  if (filter.status) q = q.where('teams.status', '=', filter.status);
  if (filter.folded) {
    const f = filter.folded;
    q = q.where((eb) =>
      eb.or([contains('teams.name_folded', f), contains('hamlet.name_folded', f)]),
    );
  }
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q
    .select(teamColumns)
    .orderBy('commune.code')
    .orderBy('hamlet.name_folded')
    .orderBy('teams.created_at')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total) };
}

export async function insertTeam(db: Executor, row: TeamRow): Promise<void> {
  const write = () => db.insertInto('teams').values(row).execute();
  // An established team may make its hamlet count among the hamlets with a team.
  if (row.status === 'established') await keepCoverageCounts(db, [row.hamlet_id], write);
  else await write();
}

export async function updateTeam(db: Executor, id: string, changes: Partial<Omit<TeamRow, 'id'>>) {
  const write = () => db.updateTable('teams').set(changes).where('id', '=', id).execute();
  if (changes.status === undefined && changes.hamlet_id === undefined) {
    await write();
    return;
  }
  // Established, dissolved…: the hamlet's kept coverage counts follow.
  const before = await db
    .selectFrom('teams')
    .select('hamlet_id')
    .where('id', '=', id)
    .executeTakeFirst();
  const hamlets = [
    ...(before ? [before.hamlet_id] : []),
    ...(changes.hamlet_id ? [changes.hamlet_id] : []),
  ];
  await keepCoverageCounts(db, hamlets, write);
}

export async function listMembersOfTeams(db: Executor, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return db
    .selectFrom('team_members')
    .selectAll()
    .where('team_id', 'in', teamIds)
    .orderBy(sql`CASE role WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END`)
    .orderBy('created_at')
    .execute();
}

export async function findMember(db: Executor, teamId: string, memberId: string) {
  return db
    .selectFrom('team_members')
    .selectAll()
    .where('id', '=', memberId)
    .where('team_id', '=', teamId)
    .executeTakeFirst();
}

export async function insertMembers(db: Executor, rows: MemberRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('team_members').values(rows).execute();
}

export async function updateMember(
  db: Executor,
  id: string,
  changes: Partial<Omit<MemberRow, 'id'>>,
) {
  await db.updateTable('team_members').set(changes).where('id', '=', id).execute();
}

/** Active memberships in other live teams of the same person (same phone, or same name and birth year). */
export async function findOtherMemberships(db: Executor, members: MemberRow[]) {
  const phones = members.map((m) => m.phone).filter((p): p is string => !!p);
  const people = members.filter((m) => m.birth_year !== null);
  if (phones.length === 0 && people.length === 0) return [];
  return db
    .selectFrom('team_members')
    .innerJoin('teams', 'teams.id', 'team_members.team_id')
    .select([
      'team_members.phone',
      'team_members.full_name_folded',
      'team_members.birth_year',
      'team_members.team_id',
      'teams.name as team_name',
      'teams.unit_path',
    ])
    .where('team_members.left_on', 'is', null)
    .where('teams.status', '!=', 'dissolved')
    .where((eb) =>
      eb.or([
        ...(phones.length ? [eb('team_members.phone', 'in', phones)] : []),
        ...people.map((p) =>
          eb.and([
            eb('team_members.full_name_folded', '=', p.full_name_folded),
            eb('team_members.birth_year', '=', p.birth_year),
          ]),
        ),
      ]),
    )
    .execute();
}
