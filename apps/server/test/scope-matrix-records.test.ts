import { foldText } from '@toso/domain/text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertChatGroup } from '../src/features/chat-groups/chat-groups.repository';
import { insertDecision } from '../src/features/decisions/decisions.repository';
import { insertHouseholds, insertResidents } from '../src/features/registry/registry.repository';
import { insertMembers, insertTeam } from '../src/features/teams/teams.repository';
import type { UnitRow } from '../src/features/units/units.repository';
import { newId, nowIso } from '../src/lib/ids';
import { login, setupTestApp, type TestApp } from './app';
import { buildWorld, residentRow } from './factories';

// The scope matrix for the records of every feature: from commune A, nothing of commune B's teams,
// decisions, chat groups, households or residents can be listed, read, searched, exported or changed.
let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
const records: Record<
  'a' | 'b',
  {
    team: string;
    decision: string;
    group: string;
    household: string;
    resident: string;
    name: string;
  }
> = {} as never;

async function seedRecords(key: 'a' | 'b', commune: UnitRow, hamlet: UnitRow, name: string) {
  const now = nowIso();
  const team = newId();
  await insertTeam(t.db, {
    id: team,
    hamlet_id: hamlet.id,
    unit_path: hamlet.path,
    name: `Tổ ${hamlet.name}`,
    name_folded: foldText(`Tổ ${hamlet.name}`),
    status: 'proposed',
    proposed_on: '2022-05-01',
    established_on: null,
    dissolved_on: null,
    composition_reason: null,
    is_demo: 0,
    created_at: now,
    updated_at: now,
  });
  await insertMembers(t.db, [
    {
      id: newId(),
      team_id: team,
      full_name: name,
      full_name_folded: foldText(name),
      sex: 'male',
      birth_year: 1980,
      phone: '0977000111',
      affiliation: 'hamlet_head',
      position: '',
      digital_skills: '',
      role: 'leader',
      joined_on: '2022-05-01',
      left_on: null,
      created_at: now,
      updated_at: now,
    },
  ]);
  const decision = newId();
  await insertDecision(t.db, {
    id: decision,
    team_id: team,
    commune_id: commune.id,
    unit_path: hamlet.path,
    year: 2022,
    number: 1,
    symbol: 'QĐ-UBND',
    decided_on: '2022-05-20',
    signer_name: 'Người Ký',
    sign_authority: 'chairman',
    legal_grounds: '["Căn cứ"]',
    proposer: 'Theo đề nghị',
    duties: '["Nhiệm vụ"]',
    recipients: '[]',
    status: 'draft',
    scan_file_id: null,
    issued_at: null,
    created_at: now,
    updated_at: now,
  });
  const group = newId();
  await insertChatGroup(t.db, {
    id: group,
    unit_id: hamlet.id,
    unit_path: hamlet.path,
    platform: 'zalo',
    name: `Nhóm ${hamlet.name}`,
    invite_link: 'https://zalo.me/g/x',
    admins: '',
    households_total: 10,
    households_joined: 5,
    joined_updated_on: null,
    is_active: 1,
    created_at: now,
    updated_at: now,
  });
  const household = newId();
  await insertHouseholds(t.db, [
    {
      id: household,
      hamlet_id: hamlet.id,
      unit_path: hamlet.path,
      address: '',
      address_folded: '',
      head_name: name,
      head_name_folded: foldText(name),
      phone: null,
      notes: '',
      is_demo: 0,
      created_at: now,
      updated_at: now,
    },
  ]);
  const resident = newId();
  await insertResidents(t.db, [
    residentRow(hamlet, household, name, {
      id: resident,
      relation: 'head',
      created_at: now,
      updated_at: now,
    }),
  ]);
  records[key] = { team, decision, group, household, resident, name };
}

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  await seedRecords('a', world.communeA, world.hamletA, 'Hoàng Văn Ất');
  await seedRecords('b', world.communeB, world.hamletB, 'Triệu Văn Bính');
});
afterAll(async () => t.close());

const ROLES = ['commune_officer', 'team_leader', 'team_member', 'partner'] as const;

describe.each([
  ['a', 'b'],
  ['b', 'a'],
] as const)('from commune %s, the records of commune %s', (mine, theirs) => {
  it.each(ROLES)('are out of reach of a %s', async (role) => {
    const cookie = await login(t.app, `${role}.${mine}`);
    const other = records[theirs];
    const otherCommune = theirs === 'a' ? world.communeA : world.communeB;
    const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: { cookie }, payload });
    const hidden = (status: number) => expect([403, 404]).toContain(status);
    // list and search
    const teams = await req('GET', '/api/teams?pageSize=200');
    if (teams.statusCode === 200) expect(teams.body).not.toContain(other.team);
    const groups = await req('GET', '/api/chat-groups?pageSize=200');
    if (groups.statusCode === 200) expect(groups.body).not.toContain(other.group);
    const people = await req('POST', '/api/residents/search', { q: other.name });
    if (people.statusCode === 200) expect(people.json().total).toBe(0);
    else hidden(people.statusCode);
    const households = await req('GET', '/api/households?pageSize=200');
    if (households.statusCode === 200) expect(households.body).not.toContain(other.household);
    const found = await req('POST', '/api/households/search', { q: other.name, pageSize: 200 });
    if (found.statusCode === 200) expect(found.body).not.toContain(other.household);
    else hidden(found.statusCode);
    const board = await req('GET', '/api/coverage');
    if (board.statusCode === 200) expect(board.body).not.toContain(other.team);
    // read
    for (const url of [
      `/api/teams/${other.team}`,
      `/api/teams/${other.team}/decision`,
      `/api/decisions/${other.decision}`,
      `/api/chat-groups/${other.group}`,
      `/api/chat-groups/${other.group}/qr.svg`,
      `/api/residents/${other.resident}`,
      `/api/households/${other.household}`,
      `/api/coverage?unitId=${otherCommune.id}`,
    ]) {
      hidden((await req('GET', url)).statusCode);
    }
    // export
    for (const url of [
      `/api/decisions/${other.decision}/docx`,
      `/api/decisions/zip?ids=${other.decision}`,
      `/api/teams/export.xlsx?unitId=${otherCommune.id}`,
      `/api/coverage.xlsx?unitId=${otherCommune.id}`,
      `/api/residents/export.xlsx?unitId=${otherCommune.id}`,
    ]) {
      hidden((await req('GET', url)).statusCode);
    }
    // change
    hidden((await req('PATCH', `/api/teams/${other.team}`, { name: 'Đổi tên Tổ' })).statusCode);
    hidden(
      (
        await req('POST', `/api/teams/${other.team}/members`, {
          fullName: 'Người Lạ',
          sex: null,
          birthYear: null,
          phone: null,
          affiliation: 'volunteer',
          role: 'member',
          joinedOn: null,
        })
      ).statusCode,
    );
    hidden(
      (await req('PATCH', `/api/chat-groups/${other.group}`, { name: 'Đổi tên nhóm' })).statusCode,
    );
    hidden((await req('PATCH', `/api/residents/${other.resident}`, { notes: 'x' })).statusCode);
    hidden(
      (await req('POST', '/api/residents', { householdId: other.household, fullName: 'Người Lạ' }))
        .statusCode,
    );
    hidden(
      (
        await req('POST', '/api/teams', {
          hamletId: theirs === 'a' ? world.hamletA.id : world.hamletB.id,
        })
      ).statusCode,
    );
  });
});
