import { randomUUID } from 'node:crypto';
import { KPI_SKILL } from '@toso/domain/platforms';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, login, platformIdByCode, setupTestApp, type TestApp } from '../../../test/app';
import { testDialect } from '../../../test/db';
import { buildUnit, buildUser, buildWorld } from '../../../test/factories';
import { newId, nowIso } from '../../lib/ids';
import { startsWith } from '../../lib/sql';
import { insertChatGroup } from '../chat-groups/chat-groups.repository';
import { keptCoverage, recountCoverage } from '../dashboard/coverage-counts';
import { keptKpi, recountKpi } from '../dashboard/kpi-counts';
import { UNIT_PATH_KEPT_AS_RECORDED, UNIT_PATH_TABLES } from './unit-moves';
import type { UnitRow } from './units.repository';
import { buildSecondDistrict, lastUnitImportAudit } from './units-test-helpers';

// A commune moved to another district by the official unit list import (the 2025 reform's case;
// hamlets have no code and do not move through the import) carries its records: the new
// district's officer sees them, the old one's does not, and the kept counts equal a recount.

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let district2: UnitRow;
const call = caller(() => t.app);
const cookies: Record<string, string> = {};
let oldCommunePath: string;

function upload(cookie: string, csv: string) {
  const boundary = '----toso';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="units.csv"\r\nContent-Type: text/csv\r\n\r\n`;
  return t.app.inject({
    method: 'POST',
    url: '/api/units/import',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(head),
      Buffer.from(csv),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
}

async function seedHamlet(memberCookie: string, hamlet: UnitRow, names: string[]) {
  const hh = (await call('POST', '/api/households', memberCookie, { hamletId: hamlet.id })).json();
  const ids: string[] = [];
  for (const [i, name] of names.entries()) {
    const r = await call('POST', '/api/residents', memberCookie, {
      householdId: hh.id,
      fullName: name,
      birthYear: 1980 + i,
      sex: i % 2 ? 'female' : 'male',
    });
    expect(r.statusCode).toBe(201);
    ids.push(r.json().resident.id);
  }
  const kpi = await platformIdByCode(t.db, KPI_SKILL.platformCode);
  const vneid = await platformIdByCode(t.db, 'vneid');
  const sync = await call('POST', '/api/sync/supports', memberCookie, {
    records: [
      ...ids.map((residentId) => ({
        id: randomUUID(),
        residentId,
        platformId: vneid,
        outcome: 'account_created',
        supportedOn: '2022-06-15',
      })),
      {
        id: randomUUID(),
        residentId: ids[0],
        platformId: kpi,
        outcome: KPI_SKILL.outcome,
        supportedOn: '2022-07-02',
      },
    ],
  });
  expect(sync.statusCode).toBe(200);
  const now = nowIso();
  await insertChatGroup(t.db, {
    id: newId(),
    unit_id: hamlet.id,
    unit_path: hamlet.path,
    platform: 'zalo',
    name: `Nhóm ${hamlet.name}`,
    invite_link: 'https://zalo.me/g/x',
    admins: '',
    households_total: 10,
    households_joined: 4,
    joined_updated_on: null,
    is_active: 1,
    created_at: now,
    updated_at: now,
  });
}

/** The support counts recomputed from the records (not voided), per month and per day. */
async function recountSupports() {
  const rows = await t.db
    .selectFrom('support_records')
    .select(['unit_path', 'platform_id', 'outcome', 'supported_on'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('voided_by', 'is', null)
    .groupBy(['unit_path', 'platform_id', 'outcome', 'supported_on'])
    .execute();
  const out = new Map<string, number>();
  for (const r of rows)
    for (const unit of r.unit_path.split('/').filter(Boolean))
      for (const when of [r.supported_on.slice(0, 7), r.supported_on]) {
        const key = `${unit}|${r.platform_id}|${r.outcome}|${when}`;
        out.set(key, (out.get(key) ?? 0) + Number(r.n));
      }
  return out;
}

async function keptSupports() {
  const out = new Map<string, number>();
  for (const r of await t.db.selectFrom('support_counts').selectAll().execute())
    if (Number(r.count) !== 0)
      out.set(`${r.unit_id}|${r.platform_id}|${r.outcome}|${r.month}`, Number(r.count));
  for (const r of await t.db.selectFrom('support_counts_daily').selectAll().execute())
    if (Number(r.count) !== 0)
      out.set(`${r.unit_id}|${r.platform_id}|${r.outcome}|${r.day}`, Number(r.count));
  return out;
}

async function expectKeptCountsRight() {
  expect(await keptKpi(t.db)).toEqual(await recountKpi(t.db));
  expect(await keptCoverage(t.db)).toEqual(await recountCoverage(t.db));
  expect(await keptSupports()).toEqual(await recountSupports());
}

/** What an officer sees of the moved commune's records, through the API. */
async function seen(who: string) {
  const cookie = cookies[who];
  const residents = await call('POST', '/api/residents/search', cookie, { q: 'ha van' });
  const households = await call('GET', '/api/households', cookie);
  const supports = await call('GET', '/api/supports', cookie);
  const teams = await call('GET', `/api/teams?unitId=${world.communeA.id}`, cookie);
  const coverage = await call('GET', `/api/coverage?unitId=${world.communeA.id}`, cookie);
  return {
    residents: residents.json().total,
    households: households.json().total,
    supports: supports.json().total,
    teams: teams.statusCode === 200 ? teams.json().total : teams.statusCode,
    coverage: coverage.statusCode,
  };
}

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  district2 = await buildSecondDistrict(t.db, world);
  await buildUser(t.db, {
    username: 'district_officer.2',
    role: 'district_officer',
    unit: district2,
  });
  for (const u of [
    'admin',
    'district_officer',
    'district_officer.2',
    'province_officer',
    'commune_officer.a',
    'commune_officer.b',
    'team_member.a',
    'team_member.b',
  ])
    cookies[u] = await login(t.app, u);
  await seedHamlet(cookies['team_member.a'], world.hamletA, [
    'Hà Văn Một',
    'Hà Văn Hai',
    'Hà Văn Ba',
  ]);
  await seedHamlet(cookies['team_member.b'], world.hamletB, ['Lò Văn Khác']);
  const team = await call('POST', '/api/teams', cookies['commune_officer.a'], {
    hamletId: world.hamletA.id,
  });
  expect(team.statusCode).toBe(201);
  oldCommunePath = world.communeA.path;
});
afterAll(async () => t.close());

describe('a commune moved to another district by the unit list import', () => {
  it('is seen by the old district before the move', async () => {
    expect(await seen('district_officer')).toMatchObject({
      residents: 3,
      households: 2,
      supports: 6,
      teams: 1,
      coverage: 200,
    });
    expect(await seen('district_officer.2')).toMatchObject({ residents: 0, households: 0 });
    await expectKeptCountsRight();
  });

  it('carries its records to the new district, in the same import, audited', async () => {
    const res = await upload(cookies.admin, 'Mã,Tên,Loại,Mã cấp trên\n05620,Xã Yên Đổ,Xã,169\n');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, updated: 1 });
    const moved = await t.db
      .selectFrom('units')
      .select(['path', 'parent_id'])
      .where('id', '=', world.communeA.id)
      .executeTakeFirstOrThrow();
    expect(moved.parent_id).toBe(district2.id);
    expect(moved.path).toBe(`${district2.path}${world.communeA.id}/`);
    // No record of any table is left under the old path.
    for (const table of UNIT_PATH_TABLES) {
      const left = await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(startsWith('unit_path', oldCommunePath))
        .executeTakeFirstOrThrow();
      expect([table, Number(left.n)]).toEqual([table, 0]);
    }
    // Every table the move rewrote is counted, by name (chat groups too), and their sum.
    const after = await lastUnitImportAudit(t.db);
    expect(after).toMatchObject({ updated: 1, moved: 1 });
    expect(after.carried).toEqual({
      units: 3,
      residents: 3,
      households: 1,
      support_records: 4,
      teams: 1,
      chat_groups: 1,
    });
    expect(after.rowsRewritten).toBe(13);
  });

  it('is seen by the new district and no longer by the old one (lists, search, teams)', async () => {
    expect(await seen('district_officer.2')).toEqual({
      residents: 3,
      households: 1,
      supports: 4,
      teams: 1,
      coverage: 200,
    });
    expect(await seen('district_officer')).toMatchObject({
      residents: 0,
      households: 1,
      supports: 2,
      coverage: 404,
    });
    // The commune's own officer still sees it; the other commune's does not.
    expect(await seen('commune_officer.a')).toMatchObject({
      residents: 3,
      households: 1,
      supports: 4,
      teams: 1,
    });
    expect(await seen('commune_officer.b')).toMatchObject({ residents: 0, households: 1 });
    expect(await seen('province_officer')).toMatchObject({ residents: 3, households: 2 });
  });

  it('moves the kept counts: they equal a recount, and the districts count their own', async () => {
    await expectKeptCountsRight();
    const households = async (unitId: string) =>
      Number(
        (
          await t.db
            .selectFrom('unit_coverage_counts')
            .select('households')
            .where('unit_id', '=', unitId)
            .executeTakeFirst()
        )?.households ?? 0,
      );
    expect(await households(world.district.id)).toBe(1);
    expect(await households(district2.id)).toBe(1);
    expect(await households(world.province.id)).toBe(2);
  });

  it('moves again, directly under the province (the 2025 reform), and imports idempotently', async () => {
    const list = 'Mã,Tên,Loại,Mã cấp trên\n05620,Xã Yên Đổ,Xã,19\n';
    expect((await upload(cookies.admin, list)).json()).toMatchObject({ updated: 1 });
    expect((await upload(cookies.admin, list)).json()).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await seen('district_officer.2')).toMatchObject({ residents: 0, households: 0 });
    expect(await seen('province_officer')).toMatchObject({ residents: 3, households: 2 });
    expect(await seen('commune_officer.a')).toMatchObject({ residents: 3, households: 1 });
    await expectKeptCountsRight();
  });
});

describe('moves of a unit and of its old ancestor in one import', () => {
  it('follows the ancestor’s move first (the path is read again before each move)', async () => {
    const province2 = await buildUnit(t.db, null, {
      level: 'province',
      kind: 'tinh',
      code: '20',
      name: 'Tỉnh Lạng Sơn',
    });
    // District 168 leaves for province 20 while its commune B moves to district 169 (province 19).
    const res = await upload(
      cookies.admin,
      'Mã,Tên,Loại,Mã cấp trên\n168,Huyện Phú Lương,Huyện,20\n05629,Xã Động Đạt,Xã,169\n',
    );
    expect(res.json()).toMatchObject({ updated: 2 });
    const paths = new Map(
      (await t.db.selectFrom('units').select(['id', 'path']).execute()).map((u) => [u.id, u.path]),
    );
    expect(paths.get(world.district.id)).toBe(`${province2.path}${world.district.id}/`);
    const hamletB = `${district2.path}${world.communeB.id}/${world.hamletB.id}/`;
    expect(paths.get(world.hamletB.id)).toBe(hamletB);
    const residentsB = await t.db
      .selectFrom('residents')
      .select('unit_path')
      .where('hamlet_id', '=', world.hamletB.id)
      .execute();
    expect(residentsB.map((r) => r.unit_path)).toEqual([hamletB]);
    const lo = async (who: string) =>
      (await call('POST', '/api/residents/search', cookies[who], { q: 'lo van' })).json().total;
    expect(await lo('district_officer.2')).toBe(1);
    expect(await lo('district_officer')).toBe(0);
    expect(await lo('province_officer')).toBe(1);
    await expectKeptCountsRight();
  });
});

describe('the tables a move rewrites', () => {
  it('are every table with a unit_path column in the database (a new one cannot be forgotten)', async () => {
    const rows =
      testDialect() === 'postgres'
        ? await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.columns
            WHERE column_name = 'unit_path' AND table_schema = current_schema()`.execute(t.db)
        : await sql<{ name: string }>`SELECT m.name AS name FROM sqlite_master m
            JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'unit_path'`.execute(
            t.db,
          );
    const inCatalogue = rows.rows.map((r) => r.name).sort();
    expect(inCatalogue.length).toBeGreaterThan(20);
    expect(inCatalogue).toEqual([...UNIT_PATH_TABLES, ...UNIT_PATH_KEPT_AS_RECORDED].sort());
  });

  it('leaves the audit log as written (append-only: the database refuses updates)', async () => {
    await expect(
      t.db.updateTable('audit_log').set({ unit_path: '/x/' }).where('seq', '>', 0).execute(),
    ).rejects.toThrow(/append-only/);
  });
});
