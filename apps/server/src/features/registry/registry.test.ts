import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld, residentRow } from '../../../test/factories';
// eslint-disable-next-line no-restricted-syntax -- the test builds the scopes the auth layer issues, to call the repository directly
import { issueScope } from '../../lib/scope';
import { listHouseholds } from './registry.repository';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let officerA: string;
let memberA: string;
let householdId: string;
let ducId: string;

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  officerA = await login(t.app, 'commune_officer.a');
  memberA = await login(t.app, 'team_member.a');
});
afterAll(async () => t.close());

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, payload: payload as object | undefined });

describe('households and residents', () => {
  it('a team member adds a household and its people', async () => {
    const h = await call('POST', '/api/households', memberA, {
      hamletId: world.hamletA.id,
      address: 'Số 12, đường Làng Mới',
      phone: '0912 000 111',
    });
    expect(h.statusCode, h.body).toBe(201);
    householdId = h.json().id;
    const head = await call('POST', '/api/residents', memberA, {
      householdId,
      fullName: 'Nguyễn Văn Đức',
      sex: 'male',
      birthYear: 1980,
      relation: 'head',
      phone: '+84 912 000 222',
      nationalId: '001080012345',
    });
    expect(head.statusCode, head.body).toBe(201);
    ducId = head.json().resident.id;
    expect(head.json().resident).toMatchObject({
      fullName: 'Nguyễn Văn Đức',
      phone: '0912000222',
      nationalIdLast4: '2345',
      workingAge: 'working_age',
      householdHead: 'Nguyễn Văn Đức',
    });
    for (const [fullName, sex, birthYear, relation] of [
      ['Trần Thị Hoa', 'female', 1983, 'spouse'],
      ['Nguyễn Minh Đăng', 'male', 2012, 'child'],
      ['Nguyễn Thị Bé', null, null, 'child'],
    ] as const) {
      const r = await call('POST', '/api/residents', memberA, {
        householdId,
        fullName,
        sex,
        birthYear,
        relation,
      });
      expect(r.statusCode, r.body).toBe(201);
    }
  });

  it('never stores a national ID number in full', async () => {
    const row = await t.db
      .selectFrom('residents')
      .selectAll()
      .where('id', '=', ducId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('001080012345');
    expect(row.national_id_hash).toMatch(/^[\w-]{40,}$/);
  });

  it('finds people without accents, case or composed letters, by phone and by birth year', async () => {
    const find = async (q: string, cookie = memberA) =>
      (await call('POST', '/api/residents/search', cookie, { q }))
        .json()
        .items.map((r: { fullName: string }) => r.fullName);
    expect(await find('nguyen van duc')).toEqual(['Nguyễn Văn Đức']);
    expect(await find('NGUYEN VAN ĐUC'.normalize('NFD'))).toEqual(['Nguyễn Văn Đức']);
    expect(await find('van d')).toEqual(['Nguyễn Văn Đức']);
    expect(await find('dang')).toEqual(['Nguyễn Minh Đăng']);
    expect(await find('nguyen')).toHaveLength(3);
    expect(await find('0912000222')).toEqual(['Nguyễn Văn Đức']);
    expect(await find('1983')).toEqual(['Trần Thị Hoa']);
    expect(await find('%')).toEqual([]);
  });

  it('searches by POST only, inside the scope, and refuses search text in a URL', async () => {
    // Someone of the same name in the sibling commune B: never found from commune A.
    const officerB = await login(t.app, 'commune_officer.b');
    const hB = await call('POST', '/api/households', officerB, {
      hamletId: world.hamletB.id,
      address: 'Xóm Bên Kia',
    });
    expect(hB.statusCode, hB.body).toBe(201);
    const inB = await call('POST', '/api/residents', officerB, {
      householdId: hB.json().id,
      fullName: 'Nguyễn Văn Đức',
      birthYear: 1991,
      relation: 'head',
    });
    expect(inB.statusCode, inB.body).toBe(201);
    const search = (cookie: string, body: unknown) =>
      call('POST', '/api/residents/search', cookie, body);
    const fromA = await search(officerA, { q: 'NGUYEN VAN DUC' });
    expect(fromA.statusCode, fromA.body).toBe(200);
    expect(fromA.json().items.map((r: { id: string }) => r.id)).toEqual([ducId]);
    const fromB = (await search(officerB, { q: 'nguyen van đuc' })).json();
    expect(fromB.items.map((r: { id: string }) => r.id)).toEqual([inB.json().resident.id]);
    // Naming the other commune's unit does not widen the scope.
    expect((await search(officerA, { q: 'duc', unitId: world.communeB.id })).statusCode).toBe(404);
    // The other filters work in the body, with numbers as numbers (not strings to coerce).
    const byYear = (await search(officerA, { birthYear: 1983, pageSize: 5 })).json();
    expect(byYear.items.map((r: { fullName: string }) => r.fullName)).toEqual(['Trần Thị Hoa']);
    expect((await search(officerA, { q: 'duc', page: '2' })).statusCode).toBe(400);
    const households = await call('POST', '/api/households/search', officerA, { q: 'lang moi' });
    expect(households.statusCode, households.body).toBe(200);
    expect(households.json().items.map((h: { id: string }) => h.id)).toEqual([householdId]);
    expect(
      (await call('POST', '/api/households/search', officerA, { q: 'ben kia' })).json().total,
    ).toBe(0);
    // A GET carrying search text is refused, not answered unfiltered; browsing stays a GET.
    for (const url of ['/api/residents?q=nguyen%20van%20duc', '/api/households?q=lang&page=1']) {
      const refused = await call('GET', url, officerA);
      expect(refused.statusCode, url).toBe(400);
      expect(refused.json()).toMatchObject({
        code: 'validation_failed',
        details: [{ path: 'querystring.q' }],
      });
      expect(refused.json().message).toMatch(/POST \/api\/(residents|households)\/search/);
      expect(refused.body).not.toContain('nguyen');
    }
    const browse = await call('GET', `/api/households?unitId=${world.hamletA.id}`, officerA);
    expect(browse.json().items.map((h: { id: string }) => h.id)).toEqual([householdId]);
  });

  it('counts a resident with unknown birth year or sex apart', async () => {
    const list = (await call('GET', `/api/residents?householdId=${householdId}`, memberA)).json();
    const be = list.items.find((r: { fullName: string }) => r.fullName === 'Nguyễn Thị Bé');
    expect(be.workingAge).toBe('unknown');
    expect(
      list.items.find((r: { fullName: string }) => r.fullName === 'Nguyễn Minh Đăng').workingAge,
    ).toBe('below');
  });

  it('shows possible duplicates before creating, by name and birth year, phone or national ID', async () => {
    const other = (
      await call('POST', '/api/households', officerA, {
        hamletId: world.hamletA2.id,
        address: 'Xóm Đồng Tâm',
      })
    ).json();
    const dup = await call('POST', '/api/residents', officerA, {
      householdId: other.id,
      fullName: 'nguyen van duc',
      birthYear: 1980,
      sex: 'male',
    });
    expect(dup.statusCode).toBe(200);
    expect(dup.json().status).toBe('duplicates');
    expect(dup.json().candidates[0]).toMatchObject({ id: ducId, reasons: ['name_birth_year'] });
    const byId = (
      await call('POST', '/api/residents/duplicates', officerA, {
        hamletId: world.hamletA2.id,
        nationalId: '001080012345',
      })
    ).json();
    expect(byId[0]).toMatchObject({ id: ducId, reasons: ['national_id'] });
    const byPhone = (
      await call('POST', '/api/residents/duplicates', officerA, {
        hamletId: world.hamletA2.id,
        phone: '0912000222',
      })
    ).json();
    expect(byPhone[0].reasons).toEqual(['phone']);
    // Never through a URL: the ID number or phone checked would be kept by proxies and histories.
    const inUrl = await call(
      'GET',
      `/api/residents/duplicates?hamletId=${world.hamletA2.id}&phone=0912000222`,
      officerA,
    );
    expect(inUrl.statusCode).not.toBe(200);
    const forced = await call('POST', '/api/residents', officerA, {
      householdId: other.id,
      fullName: 'Nguyễn Văn Đức',
      birthYear: 1980,
      sex: 'male',
      confirmNotDuplicate: true,
    });
    expect(forced.statusCode).toBe(201);
    await call('POST', `/api/residents/${forced.json().resident.id}/consents`, officerA, {
      status: 'given',
      recordedOn: '2026-01-05',
    });
    const merged = await call('POST', '/api/residents/merge', officerA, {
      keepId: ducId,
      mergeId: forced.json().resident.id,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().consent).toBe('given');
    expect(
      (await call('POST', '/api/residents/search', officerA, { q: 'nguyen van duc' })).json().total,
    ).toBe(1);
    const audit = (await call('GET', '/api/audit?entity=resident', officerA)).json();
    expect(audit.items.some((e: { action: string }) => e.action === 'merge')).toBe(true);
  });

  it('refuses a malformed national ID or phone at its field', async () => {
    const bad = await call('POST', '/api/residents', memberA, {
      householdId,
      fullName: 'Lò Văn Pảo',
      nationalId: '12345',
      phone: '123',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['body.nationalId', 'body.phone']);
  });

  it('masks phones and hides ethnicity outside the hamlet team and the commune; partners see nothing', async () => {
    await call('PATCH', `/api/residents/${ducId}`, officerA, { ethnicity: 'Tày' });
    const district = await login(t.app, 'district_officer');
    const seen = (await call('GET', `/api/residents/${ducId}`, district)).json();
    expect(seen).toMatchObject({ phone: '•••••••222', phoneMasked: true, ethnicity: null });
    expect((await call('GET', `/api/residents/${ducId}`, officerA)).json()).toMatchObject({
      phone: '0912000222',
      ethnicity: 'Tày',
    });
    expect(
      (await call('POST', '/api/residents/search', district, { q: '0912000222' })).json().total,
    ).toBe(0);
    const partner = await login(t.app, 'partner.a');
    expect((await call('GET', '/api/residents', partner)).statusCode).toBe(403);
    const memberB = await login(t.app, 'team_member.b');
    expect((await call('GET', `/api/residents/${ducId}`, memberB)).statusCode).toBe(404);
    // Only hamlet B's own Nguyễn Văn Đức (added by commune B's officer above).
    const inB = (await call('POST', '/api/residents/search', memberB, { q: 'nguyen' })).json();
    expect(inB.items.map((r: { hamletId: string }) => r.hamletId)).toEqual([world.hamletB.id]);
    const sibling = (await call('POST', '/api/residents/search', memberA, { q: 'nguyen' }))
      .json()
      .items.map((r: { hamletId: string }) => r.hamletId);
    expect(new Set(sibling)).toEqual(new Set([world.hamletA.id]));
  });

  it('edits a household without wiping the fields not sent', async () => {
    const res = await call('PATCH', `/api/households/${householdId}`, memberA, {
      notes: 'Hộ nghèo',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      notes: 'Hộ nghèo',
      address: 'Số 12, đường Làng Mới',
      phone: '0912000111',
    });
  });

  it('moves a household to another hamlet and keeps the history', async () => {
    const moved = await call('POST', `/api/households/${householdId}/move`, officerA, {
      hamletId: world.hamletA2.id,
      movedOn: '2026-03-01',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().hamletId).toBe(world.hamletA2.id);
    const history = (await call('GET', `/api/residents/${ducId}/history`, officerA)).json();
    expect(history.householdMoves).toEqual([
      { movedOn: '2026-03-01', fromHamletId: world.hamletA.id, toHamletId: world.hamletA2.id },
    ]);
    expect((await call('GET', `/api/residents/${ducId}`, memberA)).statusCode).toBe(404);
  });

  it('counts a chat group’s households from the registry once the hamlet has any', async () => {
    const g = await call('POST', '/api/chat-groups', officerA, {
      unitId: world.hamletA2.id,
      platform: 'zalo',
      name: 'Nhóm Đồng Tâm',
      householdsTotal: 500,
      householdsJoined: 1,
    });
    expect(g.json()).toMatchObject({
      householdsTotal: 2,
      householdsTotalSource: 'registry',
      coverage: 0.5,
    });
  });

  it('caps the count of a very common name and still pages through it', async () => {
    const hh = (
      await call('POST', '/api/households', officerA, { hamletId: world.hamletA.id })
    ).json();
    const rows = Array.from({ length: 1005 }, (_, i) =>
      residentRow(world.hamletA, hh.id, `Nguyễn Văn Mẫu ${i}`, { birth_year: 1990 }),
    );
    for (let i = 0; i < rows.length; i += 200)
      await t.db
        .insertInto('residents')
        .values(rows.slice(i, i + 200))
        .execute();
    const common = (
      await call('POST', '/api/residents/search', officerA, { q: 'van mau', pageSize: 20, page: 3 })
    ).json();
    expect(common).toMatchObject({ total: 1000, isCapped: true });
    expect(common.items).toHaveLength(20);
    const rare = (await call('POST', '/api/residents/search', officerA, { q: 'mau 1004' })).json();
    expect(rare).toMatchObject({ total: 1, isCapped: false });
    expect(rare.items[0].fullName).toBe('Nguyễn Văn Mẫu 1004');
  });

  it('logs a deletion request with its due date and erases personal fields when granted, keeping counts', async () => {
    const hoa = (
      await call('POST', '/api/residents/search', officerA, { q: 'tran thi hoa' })
    ).json().items[0];
    const req = await call('POST', '/api/data-requests', officerA, {
      residentId: hoa.id,
      kind: 'delete',
      receivedOn: '2026-01-01',
      details: 'Bà Hoa đề nghị xóa',
    });
    expect(req.statusCode, req.body).toBe(201);
    expect(req.json()).toMatchObject({ dueOn: '2026-01-16', status: 'open', isOverdue: true });
    const done = await call('POST', `/api/data-requests/${req.json().id}/handle`, officerA, {
      status: 'done',
      response: 'Đã xóa',
    });
    expect(done.json().status).toBe('done');
    const row = await t.db
      .selectFrom('residents')
      .selectAll()
      .where('id', '=', hoa.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'erased',
      phone: null,
      national_id_hash: null,
      sex: 'female',
      birth_year: 1983,
    });
    expect(row.full_name).not.toContain('Hoa');
    expect((await call('POST', '/api/residents/search', officerA, { q: 'hoa' })).json().total).toBe(
      0,
    );
    const stillCounted = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM residents WHERE household_id = ${householdId} AND status <> 'merged'`.execute(
      t.db,
    );
    expect(Number(stillCounted.rows[0].n)).toBe(4);
  });
});

describe('the households list', () => {
  // The total comes from the kept coverage counts and the first pages of a large scope from a
  // bounded walk of the names: both must give what a plain reading of the table gives.
  const heads = ['Trần An', 'Lê Bình', 'Lê Bình', 'Đỗ Chi', '', 'Vũ Dung', 'Hà Em', 'Lê Bình'];
  let stored: { id: string; unit_path: string }[];

  beforeAll(async () => {
    const officerB = await login(t.app, 'commune_officer.b');
    const places = [
      { cookie: officerA, hamletId: world.hamletA.id },
      { cookie: officerA, hamletId: world.hamletA2.id },
      { cookie: officerB, hamletId: world.hamletB.id },
    ];
    for (const [i, p] of places.entries())
      for (const [j, headName] of heads.entries())
        if ((i + j) % 4 !== 3) {
          const res = await call('POST', '/api/households', p.cookie, {
            hamletId: p.hamletId,
            headName,
          });
          expect(res.statusCode).toBe(201);
        }
    stored = await t.db
      .selectFrom('households')
      .select(['id', 'unit_path'])
      .orderBy('head_name_folded')
      .orderBy('id')
      .execute();
  });

  it('gives the plain reading’s pages and total, inside the scope only', async () => {
    const cases = [
      { user: 'commune_officer.a', path: world.communeA.path, unit: null },
      { user: 'commune_officer.a', path: world.communeA.path, unit: world.hamletA2 },
      { user: 'district_officer', path: world.district.path, unit: null },
      { user: 'district_officer', path: world.district.path, unit: world.communeB },
      { user: 'admin', path: '', unit: null },
    ];
    for (const c of cases) {
      const cookie = await login(t.app, c.user);
      const expected = stored
        .filter((h) => h.unit_path.startsWith(c.unit?.path ?? c.path))
        .map((h) => h.id);
      const got: string[] = [];
      for (let page = 1; page <= Math.ceil(expected.length / 4) + 1; page += 1) {
        const unit = c.unit ? `&unitId=${c.unit.id}` : '';
        const res = await call('GET', `/api/households?page=${page}&pageSize=4${unit}`, cookie);
        expect(res.statusCode).toBe(200);
        expect(res.json().total, c.user).toBe(expected.length);
        got.push(...res.json().items.map((h: { id: string }) => h.id));
      }
      expect(got, `${c.user} ${c.unit?.name ?? ''}`).toEqual(expected);
    }
    const notMine = await call('GET', `/api/households?unitId=${world.communeB.id}`, officerA);
    expect(notMine.statusCode).toBe(404);
  });

  it('finds the same pages by the bounded walk of the names as by the plain sort', async () => {
    const scopes = [
      { scope: issueScope('district_officer', world.district), path: world.district.path },
      { scope: issueScope('commune_officer', world.communeA), path: world.communeA.path },
      { scope: issueScope('admin', null), path: '' },
    ];
    for (const walk of [3, 8, 20, 100_000])
      for (const { scope, path } of scopes)
        for (const unit of [null, world.hamletA]) {
          if (unit && !unit.path.startsWith(path)) continue;
          const expected = stored
            .filter((h) => h.unit_path.startsWith(unit?.path ?? path))
            .map((h) => h.id);
          for (const [limit, offset] of [
            [2, 0],
            [3, 3],
            [5, 0],
            [4, 8],
            [3, expected.length - 1],
          ]) {
            const { rows, total } = await listHouseholds(
              t.db,
              scope,
              { unit },
              { limit, offset },
              { walk, from: 0 },
            );
            const label = `walk ${walk} ${path} ${unit?.name ?? ''} ${limit}/${offset}`;
            expect(total, label).toBe(expected.length);
            expect(
              rows.map((r) => r.id),
              label,
            ).toEqual(expected.slice(offset, offset + limit));
          }
        }
  });
});
