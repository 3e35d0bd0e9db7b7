import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, login, setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld } from '../../../test/factories';
import { TINY_PNG, uploadFile } from '../../../test/upload';
import { foldText } from '@toso/domain/text';
import { todayInVietnam } from '../../lib/ids';
import { systemActor } from '../../lib/system-actor';
import { trainedMembersByUnit, trainedMembersCount } from './training-coverage.service';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let district: string;
let officerA: string;
let officerB: string;
let vneid: string;
const today = todayInVietnam();
const teams: Record<string, { id: string; members: { id: string; fullName: string }[] }> = {};

const call = caller(() => t.app);

function member(fullName: string, phone: string | null, role = 'member') {
  return {
    fullName,
    sex: null,
    birthYear: 1990,
    phone,
    affiliation: 'volunteer',
    role,
    joinedOn: '2024-01-01',
  };
}

async function team(cookie: string, hamletId: string, names: [string, string | null][]) {
  const created = await call('POST', '/api/teams', cookie, { hamletId });
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  let detail;
  for (const [n, p] of names)
    detail = (await call('POST', `/api/teams/${id}/members`, cookie, member(n, p))).json();
  return { id, members: detail.members as { id: string; fullName: string }[] };
}

interface Invitation {
  id: string;
  fullName: string;
  teamId: string;
  hamletName: string;
  present: boolean;
}

/** The training's invitations the user sees (one page of up to 200). */
async function invitations(trainingId: string, cookie: string): Promise<Invitation[]> {
  const res = await call('GET', `/api/trainings/${trainingId}/invitations?pageSize=200`, cookie);
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

function training(extra: Record<string, unknown> = {}) {
  return {
    title: 'Tập huấn cài đặt VNeID mức 2',
    unitId: world.district.id,
    organiserKind: 'district',
    topics: [`platform:${vneid}`],
    mode: 'in_person',
    place: 'Hội trường UBND huyện',
    heldOn: today,
    startTime: '08:00',
    trainer: 'Trần Văn Đức',
    ...extra,
  };
}

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  district = await login(t.app, 'district_officer');
  officerA = await login(t.app, 'commune_officer.a');
  officerB = await login(t.app, 'commune_officer.b');
  const platforms = (await call('GET', '/api/platforms', district)).json();
  vneid = (platforms.items ?? platforms).find((p: { code: string }) => p.code === 'vneid').id;
  teams.a = await team(officerA, world.hamletA.id, [
    ['Nguyễn Văn An', '0912000001'],
    ['Lê Thị Bình', null],
    ['Phạm Văn Cường', null],
  ]);
  teams.a2 = await team(officerA, world.hamletA2.id, [
    ['Nguyễn Văn An', null],
    ['Hà Thị Dung', null],
  ]);
  teams.b = await team(officerB, world.hamletB.id, [
    ['Vũ Văn Em', null],
    ['Đỗ Thị Giang', null],
  ]);
});
afterAll(async () => t.close());

describe('trainings', () => {
  let id: string;

  it('lets the district schedule a training for teams of two communes', async () => {
    const res = await call(
      'POST',
      '/api/trainings',
      district,
      training({ teamIds: [teams.a.id, teams.a2.id, teams.b.id] }),
    );
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect(res.json().invited).toBe(7);
    expect(res.json().topics[0].label).toContain('VNeID');
  });

  it('lists the communes to invite from, inside the scope only', async () => {
    const all = (await call('GET', '/api/trainings/communes', district)).json();
    expect(all.map((c: { id: string }) => c.id).sort()).toEqual(
      [world.communeA.id, world.communeB.id].sort(),
    );
    const mine = (await call('GET', '/api/trainings/communes', officerB)).json();
    expect(mine).toEqual([{ id: world.communeB.id, name: 'Xã Động Đạt' }]);
  });

  it('validates mode, topics and the organiser', async () => {
    const online = await call('POST', '/api/trainings', district, training({ mode: 'online' }));
    expect(online.statusCode).toBe(400);
    expect(online.json().details[0].path).toBe('body.link');
    const badTopic = await call(
      'POST',
      '/api/trainings',
      district,
      training({ topics: ['platform:0190c3a4-0000-7000-8000-000000000001'] }),
    );
    expect(badTopic.statusCode).toBe(400);
    const partner = await call(
      'POST',
      '/api/trainings',
      district,
      training({ organiserKind: 'partner' }),
    );
    expect(partner.statusCode).toBe(400);
  });

  it('shows each commune officer only the invitations of their commune', async () => {
    const a = (await call('GET', `/api/trainings/${id}`, officerA)).json();
    expect(a).toMatchObject({ invited: 5, canEdit: false });
    expect(await invitations(id, officerA)).toHaveLength(5);
    const b = await invitations(id, officerB);
    expect(b.map((i) => i.fullName).sort()).toEqual(['Vũ Văn Em', 'Đỗ Thị Giang']);
  });

  it('pages the invitations and finds them without accents, inside the scope only', async () => {
    const url = `/api/trainings/${id}/invitations`;
    const first = (await call('GET', `${url}?pageSize=3`, district)).json();
    expect(first).toMatchObject({ total: 7, page: 1, pageSize: 3 });
    const pages = [first.items];
    for (const page of [2, 3])
      pages.push((await call('GET', `${url}?pageSize=3&page=${page}`, district)).json().items);
    const ids = pages.flat().map((i: Invitation) => i.id);
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
    expect(ids).toEqual((await invitations(id, district)).map((i) => i.id));
    expect((await call('GET', `${url}?pageSize=201`, district)).statusCode).toBe(400);
    // The member's name without accents and in capitals, then the hamlet's.
    const search = (cookie: string, q: string) => call('POST', `${url}/search`, cookie, { q });
    const an = (await search(district, 'NGUYEN van an')).json();
    expect(an.total).toBe(2);
    expect(an.items.every((i: Invitation) => i.fullName === 'Nguyễn Văn An')).toBe(true);
    const hamlet = world.hamletB.name;
    const byHamlet = (await search(district, foldText(hamlet))).json();
    expect(byHamlet.items.map((i: Invitation) => i.fullName).sort()).toEqual([
      'Vũ Văn Em',
      'Đỗ Thị Giang',
    ]);
    const byCommune = (await search(district, 'DONG dat')).json();
    expect(byCommune.total).toBe(2);
    expect(byCommune.items.every((i: Invitation) => i.hamletName === hamlet)).toBe(true);
    // Commune B's officer finds nobody of commune A, even by name.
    expect((await search(officerB, 'nguyen')).json()).toMatchObject({ total: 0, items: [] });
    // A member's name is personal data: never through a URL.
    const inUrl = await call('GET', `${url}?q=nguyen`, district);
    expect(inUrl.statusCode).toBe(400);
    expect(inUrl.json().message).toContain('/invitations/search');
    const unknown = '01900000-0000-7000-8000-000000000000';
    expect((await call('GET', `/api/trainings/${unknown}/invitations`, district)).statusCode).toBe(
      404,
    );
  });

  it('refuses attendance of another commune’s invitations with 404, and nothing changes', async () => {
    const b = await invitations(id, officerB);
    const a = await invitations(id, officerA);
    const res = await call('PUT', `/api/trainings/${id}/attendance`, officerA, {
      present: [a[0].id, b[0].id],
    });
    expect(res.statusCode).toBe(404);
    const after = (await call('GET', `/api/trainings/${id}`, district)).json();
    expect(after.present).toBe(0);
  });

  it('keeps a commune’s own training invisible to the sibling commune', async () => {
    const own = await call(
      'POST',
      '/api/trainings',
      officerA,
      training({ unitId: world.communeA.id, organiserKind: 'commune', teamIds: [teams.a.id] }),
    );
    expect(own.statusCode).toBe(201);
    const ownId = own.json().id;
    expect((await call('GET', `/api/trainings/${ownId}`, officerB)).statusCode).toBe(404);
    const list = (await call('GET', '/api/trainings?pageSize=200', officerB)).json();
    expect(list.items.map((x: { id: string }) => x.id)).not.toContain(ownId);
    expect(list.items.map((x: { id: string }) => x.id)).toContain(id);
    const memberB = await login(t.app, 'team_member.b');
    expect((await call('GET', `/api/trainings/${ownId}`, memberB)).statusCode).toBe(404);
    // A commune cannot invite the sibling commune's team.
    const invite = await call('POST', `/api/trainings/${ownId}/invitations`, officerA, {
      teamIds: [teams.b.id],
    });
    expect(invite.statusCode).toBe(404);
    // Nor edit the district's training.
    const edit = await call('PUT', `/api/trainings/${id}`, officerA, training());
    expect(edit.statusCode).toBe(403);
  });

  it('takes attendance and updates the coverage; a member trained twice counts once', async () => {
    const a = await invitations(id, officerA);
    const teamAInv = a.filter((i) => i.teamId === teams.a.id);
    const res = await call('PUT', `/api/trainings/${id}/attendance`, officerA, {
      present: teamAInv.slice(0, 2).map((i) => i.id),
      absent: [teamAInv[2].id],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().present).toBe(2);
    // A second training on the same topic, the same member present again.
    const second = await call(
      'POST',
      '/api/trainings',
      district,
      training({ title: 'Nhắc lại VNeID', memberIds: [teams.a.members[0].id] }),
    );
    const [inv] = (await invitations(second.json().id, district)).map((i) => i.id);
    await call('PUT', `/api/trainings/${second.json().id}/attendance`, district, {
      present: [inv],
    });

    const cov = (
      await call(
        'GET',
        `/api/trainings/coverage?unitId=${world.district.id}&topic=platform:${vneid}`,
        district,
      )
    ).json();
    expect(cov.total).toMatchObject({ active: 7, trained: 2 });
    const rowA = cov.communes.find((c: { id: string }) => c.id === world.communeA.id);
    expect(rowA).toMatchObject({ active: 5, trained: 2, share: 0.4 });
    const rowB = cov.communes.find((c: { id: string }) => c.id === world.communeB.id);
    expect(rowB).toMatchObject({ active: 2, trained: 0, share: 0 });
    const tA = cov.teams.find((x: { id: string }) => x.id === teams.a.id);
    expect(tA).toMatchObject({ active: 3, trained: 2 });

    const untrained = (
      await call(
        'GET',
        `/api/trainings/untrained?unitId=${world.communeA.id}&topic=platform:${vneid}`,
        officerA,
      )
    ).json();
    expect(untrained.total).toBe(3);
    // The commune officer of B cannot ask about commune A.
    const other = await call(
      'GET',
      `/api/trainings/coverage?unitId=${world.communeA.id}&topic=platform:${vneid}`,
      officerB,
    );
    expect(other.statusCode).toBe(404);
    const mine = (
      await call('GET', `/api/trainings/coverage?topic=platform:${vneid}`, officerB)
    ).json();
    expect(mine.total).toMatchObject({ active: 2, trained: 0 });
  });

  it('exports trainedMembersByUnit for the dashboard and reports', async () => {
    const scope = systemActor('test').scope;
    const figures = await trainedMembersByUnit(
      t.db,
      scope,
      [world.district.id, world.communeA.id, world.communeB.id],
      { platformId: vneid },
    );
    expect(figures.get(world.district.id)).toMatchObject({ activeMembers: 7, trainedMembers: 2 });
    expect(figures.get(world.communeA.id)?.byTopic[`platform:${vneid}`]).toBe(2);
    expect(figures.get(world.communeB.id)).toMatchObject({ activeMembers: 2, trainedMembers: 0 });
    const before = await trainedMembersByUnit(t.db, scope, [world.communeA.id], {
      until: '2000-01-01',
    });
    expect(before.get(world.communeA.id)?.trainedMembers).toBe(0);
    // The dashboard's count by the database gives the same figures (any topic).
    for (const unit of [world.district, world.communeA, world.communeB, world.hamletA])
      for (const until of ['2000-01-01', today, '2099-12-31']) {
        const f = (await trainedMembersByUnit(t.db, scope, [unit.id], { until })).get(unit.id)!;
        expect(await trainedMembersCount(t.db, unit.path, until)).toEqual({
          activeMembers: f.activeMembers,
          trainedMembers: f.trainedMembers,
        });
      }
  });

  it('stops counting a trained member who left the team', async () => {
    const leaver = teams.a.members.find((m) => m.fullName === 'Lê Thị Bình');
    const res = await call(
      'POST',
      `/api/teams/${teams.a.id}/members/${leaver?.id}/leave`,
      officerA,
      {
        leftOn: today,
      },
    );
    expect(res.statusCode).toBe(200);
    const cov = (
      await call(
        'GET',
        `/api/trainings/coverage?unitId=${world.communeA.id}&topic=platform:${vneid}`,
        officerA,
      )
    ).json();
    expect(cov.total).toMatchObject({ active: 4, trained: 1 });
    const f = (
      await trainedMembersByUnit(t.db, systemActor('test').scope, [world.communeA.id])
    ).get(world.communeA.id)!;
    expect(await trainedMembersCount(t.db, world.communeA.path)).toEqual({
      activeMembers: f.activeMembers,
      trainedMembers: f.trainedMembers,
    });
  });

  it('refuses attendance before the training took place', async () => {
    const future = await call(
      'POST',
      '/api/trainings',
      district,
      training({ heldOn: '2099-01-01', teamIds: [teams.b.id] }),
    );
    const [inv] = (await invitations(future.json().id, district)).map((i) => i.id);
    const res = await call('PUT', `/api/trainings/${future.json().id}/attendance`, district, {
      present: [inv],
    });
    expect(res.statusCode).toBe(400);
  });

  it('shows a member’s history, inside the scope only', async () => {
    const m = teams.a.members[0];
    const h = (await call('GET', `/api/trainings/members/${m.id}`, officerA)).json();
    expect(h.trainings.filter((x: { present: boolean }) => x.present)).toHaveLength(2);
    expect((await call('GET', `/api/trainings/members/${m.id}`, officerB)).statusCode).toBe(404);
  });
});

async function sheet(rows: (string | number | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Điểm danh');
  ws.addRow(['STT', 'Họ và tên', 'Thôn, xóm', 'Xã', 'Số điện thoại', 'Có mặt (x)']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('attendance sheet', () => {
  let id: string;
  beforeAll(async () => {
    const res = await call(
      'POST',
      '/api/trainings',
      district,
      training({
        title: 'Tập huấn Kế hoạch 174',
        topics: ['policy:plan_174'],
        teamIds: [teams.a2.id, teams.b.id, teams.a.id],
      }),
    );
    id = res.json().id;
  });

  it('gives a template listing the invited members of the reader’s commune', async () => {
    const res = await call('GET', `/api/trainings/${id}/attendance.xlsx`, officerB);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].rowCount).toBe(3);
  });

  it('reports every bad row by row and column, and writes nothing', async () => {
    const file = await sheet([
      [1, 'Nguyễn Văn An', '', '', '', 'x'], // two members named so in commune A: ambiguous
      [2, 'Hà Thị Dung', 'Đồng Tâm', '', '', 'có lẽ'],
      [3, 'Người Lạ', '', '', '', 'x'],
      [4, 'Vũ Văn Em', '', '', '', 'x'], // of commune B: not in A's list
    ]);
    const res = await uploadFile(
      t.app,
      `/api/trainings/${id}/attendance.xlsx`,
      officerA,
      file,
      'dd.xlsx',
    );
    expect(res.statusCode).toBe(422);
    const details = res.json().details as { row: number; column: string }[];
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, column: 'Họ và tên' }),
        expect.objectContaining({ row: 3, column: 'Có mặt (x)' }),
        expect.objectContaining({ row: 4, column: 'Họ và tên' }),
        expect.objectContaining({ row: 5, column: 'Họ và tên' }),
      ]),
    );
    expect((await call('GET', `/api/trainings/${id}`, district)).json().present).toBe(0);
  });

  it('imports a good sheet, matching by phone or by name and hamlet', async () => {
    const file = await sheet([
      [1, 'Tên gõ sai', '', '', '0912 000 001', 'x'],
      [2, 'Nguyen Van An', 'Đồng Tâm', '', '', 'X'],
      [3, 'Hà Thị Dung', '', '', '', ''],
    ]);
    const res = await uploadFile(
      t.app,
      `/api/trainings/${id}/attendance.xlsx`,
      officerA,
      file,
      'dd.xlsx',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ rows: 3, present: 2, absent: 1 });
    expect((await call('GET', `/api/trainings/${id}`, district)).json().present).toBe(2);
  });

  it('refuses a file that is not a spreadsheet', async () => {
    const res = await uploadFile(
      t.app,
      `/api/trainings/${id}/attendance.xlsx`,
      officerA,
      TINY_PNG,
      'x.xlsx',
    );
    expect([415, 422]).toContain(res.statusCode);
  });
});

describe('national courses and certificates', () => {
  let courseId: string;
  it('records a completed course per member', async () => {
    const m = teams.b.members[0];
    const res = await call('POST', `/api/trainings/members/${m.id}/courses`, officerB, {
      course: 'onetouch',
      completedOn: '2026-03-01',
    });
    expect(res.statusCode).toBe(200);
    courseId = res.json().courses[0].id;
    const other = await call('POST', `/api/trainings/members/${m.id}/courses`, officerA, {
      course: 'onetouch',
      completedOn: '2026-03-01',
    });
    expect(other.statusCode).toBe(404);
  });

  it('refuses a certificate of the wrong type or too large, with a clear message', async () => {
    const url = `/api/trainings/courses/${courseId}/certificate`;
    const text = await uploadFile(t.app, url, officerB, Buffer.from('hello, not a scan'), 'c.pdf');
    expect(text.statusCode).toBe(415);
    expect(text.json().message).toContain('PDF, PNG hoặc JPEG');
    const big = Buffer.concat([TINY_PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const large = await uploadFile(t.app, url, officerB, big, 'c.png');
    expect(large.statusCode).toBe(413);
    expect(large.json().message).toBe('Giấy chứng nhận lớn hơn 5 MB');
    expect((await call('GET', url, officerB)).statusCode).toBe(404);
  });

  it('keeps a good certificate, readable inside the scope only', async () => {
    const url = `/api/trainings/courses/${courseId}/certificate`;
    const ok = await uploadFile(t.app, url, officerB, TINY_PNG, 'c.png');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().courses[0].hasCertificate).toBe(true);
    const get = await call('GET', url, officerB);
    expect(get.statusCode).toBe(200);
    expect(get.headers['content-type']).toBe('image/png');
    expect((await call('GET', url, officerA)).statusCode).toBe(404);
  });
});

describe('the list of trainings', () => {
  it('pages, searches titles without accents, and keeps to the reader’s scope', async () => {
    for (let i = 1; i <= 5; i++) {
      const res = await call(
        'POST',
        '/api/trainings',
        officerA,
        training({
          title: `Buổi ${i}: Thanh toán điện tử cho hộ kinh doanh`,
          unitId: world.communeA.id,
          organiserKind: 'commune',
          heldOn: `2025-0${i}-10`,
        }),
      );
      expect(res.statusCode).toBe(201);
    }
    const url = '/api/trainings?q=THANH%20TOAN%20dien%20tu';
    const first = (await call('GET', `${url}&pageSize=2`, officerA)).json();
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(first.items.map((x: { heldOn: string }) => x.heldOn)).toEqual([
      '2025-05-10',
      '2025-04-10',
    ]);
    const last = (await call('GET', `${url}&pageSize=2&page=3`, officerA)).json();
    expect(last.items.map((x: { title: string }) => x.title)).toEqual([
      'Buổi 1: Thanh toán điện tử cho hộ kinh doanh',
    ]);
    expect((await call('GET', `${url}&pageSize=201`, officerA)).statusCode).toBe(400);
    expect((await call('GET', `${url}&page=0`, officerA)).statusCode).toBe(400);
    // The district above sees them; the sibling commune never does, even by searching.
    expect((await call('GET', url, district)).json().total).toBe(5);
    const forB = (await call('GET', url, officerB)).json();
    expect(forB).toMatchObject({ total: 0, items: [] });
  });
});
