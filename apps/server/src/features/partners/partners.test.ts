import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, login, setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld } from '../../../test/factories';
import { todayInVietnam } from '../../lib/ids';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let district: string;
let partnerId: string;
let teamA: string;

const call = caller(() => t.app);

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  district = await login(t.app, 'district_officer');
});
afterAll(async () => t.close());

const body = () => ({
  name: 'VNPT Thái Nguyên',
  kind: 'telecom',
  unitId: world.district.id,
  communeIds: [world.communeA.id, world.communeB.id],
  contacts: [{ fullName: 'Phạm Quốc Việt', role: 'Giám đốc Trung tâm', phone: '0912000111' }],
});

describe('partners', () => {
  it('lets the district create a partner; commune officers may not', async () => {
    const res = await call('POST', '/api/partners', district, body());
    expect(res.statusCode).toBe(201);
    partnerId = res.json().id;
    expect(res.json().contacts).toHaveLength(1);
    const officerA = await login(t.app, 'commune_officer.a');
    expect((await call('POST', '/api/partners', officerA, body())).statusCode).toBe(403);
    const member = await login(t.app, 'team_member.a');
    expect((await call('GET', '/api/partners', member)).statusCode).toBe(403);
  });

  it('links a partner user, who sees only its enterprise and no staff contacts', async () => {
    await call('POST', '/api/partners', district, { ...body(), name: 'Viettel Thái Nguyên' });
    const link = await call('POST', `/api/partners/${partnerId}/users`, district, {
      userId: world.users['partner.a'].id,
    });
    expect(link.statusCode).toBe(200);
    const partnerA = await login(t.app, 'partner.a');
    const list = (await call('GET', '/api/partners', partnerA)).json();
    expect(list.items.map((p: { id: string }) => p.id)).toEqual([partnerId]);
    const detail = (await call('GET', `/api/partners/${partnerId}`, partnerA)).json();
    expect(detail.contacts).toBeNull();
    // Not linked: sees nothing.
    const partnerB = await login(t.app, 'partner.b');
    expect((await call('GET', '/api/partners', partnerB)).json().total).toBe(0);
    expect((await call('GET', `/api/partners/${partnerId}`, partnerB)).statusCode).toBe(404);
  });

  it('pages the partners and finds them without accents, a partner user its own only', async () => {
    const url = '/api/partners?q=THAI%20nguyen';
    const first = (await call('GET', `${url}&pageSize=1`, district)).json();
    expect(first).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    const second = (await call('GET', `${url}&pageSize=1&page=2`, district)).json();
    expect([...first.items, ...second.items].map((p: { name: string }) => p.name)).toEqual([
      'Viettel Thái Nguyên',
      'VNPT Thái Nguyên',
    ]);
    expect((await call('GET', `${url}&pageSize=201`, district)).statusCode).toBe(400);
    const one = (await call('GET', '/api/partners?q=viettel%20thai', district)).json();
    expect(one.items.map((p: { name: string }) => p.name)).toEqual(['Viettel Thái Nguyên']);
    const partnerA = await login(t.app, 'partner.a');
    expect((await call('GET', '/api/partners?q=viettel', partnerA)).json().total).toBe(0);
  });

  it('records contributions and sums them per commune, inside the scope', async () => {
    const partnerA = await login(t.app, 'partner.a');
    const add = (cookie: string, communeId: string, kind: string, quantity: number) =>
      call('POST', `/api/partners/${partnerId}/contributions`, cookie, {
        communeId,
        kind,
        quantity,
        description: 'Tờ rơi hướng dẫn VNeID',
        contributedOn: todayInVietnam(),
      });
    expect((await add(partnerA, world.communeA.id, 'materials', 200)).statusCode).toBe(200);
    expect((await add(partnerA, world.communeA.id, 'staff_days', 3)).statusCode).toBe(200);
    // partner.a's account sits in commune A: commune B is out of its scope.
    expect((await add(partnerA, world.communeB.id, 'materials', 5)).statusCode).toBe(404);
    expect((await add(district, world.communeB.id, 'support_points', 1)).statusCode).toBe(200);
    const partnerB = await login(t.app, 'partner.b');
    expect((await add(partnerB, world.communeB.id, 'materials', 5)).statusCode).toBe(404);

    const all = (await call('GET', `/api/partners/${partnerId}`, district)).json();
    const a = all.byCommune.find((r: { communeId: string }) => r.communeId === world.communeA.id);
    expect(a).toMatchObject({ materials: 200, staffDays: 3, supportPoints: 0 });
    const b = all.byCommune.find((r: { communeId: string }) => r.communeId === world.communeB.id);
    expect(b).toMatchObject({ materials: 0, supportPoints: 1 });

    const officerB = await login(t.app, 'commune_officer.b');
    const seenByB = (await call('GET', `/api/partners/${partnerId}`, officerB)).json();
    const listedForB = (
      await call('GET', `/api/partners/${partnerId}/contributions`, officerB)
    ).json();
    expect(listedForB.total).toBe(1);
    expect(listedForB.items[0]).toMatchObject({ communeId: world.communeB.id, quantity: 1 });
    expect(seenByB.byCommune.map((r: { communeId: string }) => r.communeId)).toEqual([
      world.communeB.id,
    ]);
  });

  it('counts the trainings a partner gave, per commune', async () => {
    const officerA = await login(t.app, 'commune_officer.a');
    const teamRes = await call('POST', '/api/teams', officerA, { hamletId: world.hamletA.id });
    const teamId = teamRes.json().id;
    teamA = teamId;
    await call('POST', `/api/teams/${teamId}/members`, officerA, {
      fullName: 'Nguyễn Văn An',
      sex: null,
      birthYear: 1990,
      phone: null,
      affiliation: 'volunteer',
      role: 'leader',
      joinedOn: null,
    });
    const training = await call('POST', '/api/trainings', district, {
      title: 'VNPT hướng dẫn thanh toán số',
      unitId: world.district.id,
      organiserKind: 'partner',
      partnerId,
      topics: ['policy:online_safety'],
      mode: 'online',
      link: 'https://meet.vnpt.vn/abc',
      heldOn: todayInVietnam(),
      startTime: '14:00',
      teamIds: [teamId],
    });
    expect(training.statusCode).toBe(201);
    const invited = await call('GET', `/api/trainings/${training.json().id}/invitations`, district);
    const inv = invited.json().items[0].id;
    await call('PUT', `/api/trainings/${training.json().id}/attendance`, district, {
      present: [inv],
    });
    const detail = (await call('GET', `/api/partners/${partnerId}`, district)).json();
    expect(detail.trainings).toBe(1);
    const a = detail.byCommune.find(
      (r: { communeId: string }) => r.communeId === world.communeA.id,
    );
    expect(a).toMatchObject({ trainings: 1, attendees: 1 });
  });

  it('pages the partner’s trainings, searches their titles without accents, within the scope', async () => {
    const officerB = await login(t.app, 'commune_officer.b');
    const teamB = (
      await call('POST', '/api/teams', officerB, { hamletId: world.hamletB.id })
    ).json().id;
    await call('POST', `/api/teams/${teamB}/members`, officerB, {
      fullName: 'Vũ Văn Em',
      sex: null,
      birthYear: 1991,
      phone: null,
      affiliation: 'volunteer',
      role: 'leader',
      joinedOn: null,
    });
    const give = async (title: string, heldOn: string, teamIds: string[]) => {
      const res = await call('POST', '/api/trainings', district, {
        title,
        unitId: world.district.id,
        organiserKind: 'partner',
        partnerId,
        topics: ['policy:online_safety'],
        mode: 'online',
        link: 'https://meet.vnpt.vn/abc',
        heldOn,
        startTime: '08:00',
        teamIds,
      });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    for (let i = 1; i <= 4; i++) await give(`Bảo mật tài khoản số ${i}`, `2025-0${i}-10`, [teamA]);
    const both = await give('Thanh toán điện tử', '2025-06-10', [teamA, teamB]);
    const url = `/api/partners/${partnerId}/trainings`;
    // 5 here and 1 from the test above.
    const first = (await call('GET', `${url}?pageSize=4`, district)).json();
    expect(first).toMatchObject({ total: 6, page: 1, pageSize: 4 });
    expect(first.items[1]).toMatchObject({ id: both, heldOn: '2025-06-10', present: 0 });
    const last = (await call('GET', `${url}?pageSize=4&page=2`, district)).json();
    expect(last.items.map((x: { heldOn: string }) => x.heldOn)).toEqual([
      '2025-02-10',
      '2025-01-10',
    ]);
    expect((await call('GET', `${url}?pageSize=201`, district)).statusCode).toBe(400);
    const found = (await call('GET', `${url}?q=BAO%20MAT%20tai`, district)).json();
    expect(found.total).toBe(4);
    expect(found.items.every((x: { title: string }) => x.title.startsWith('Bảo mật'))).toBe(true);
    // Commune B's officer sees only the training that invited commune B's members.
    const forB = (await call('GET', url, officerB)).json();
    expect(forB.items.map((x: { id: string }) => x.id)).toEqual([both]);
    expect((await call('GET', `${url}?q=bao%20mat`, officerB)).json().total).toBe(0);
    const partnerB = await login(t.app, 'partner.b');
    expect((await call('GET', url, partnerB)).statusCode).toBe(404);
  });

  it('pages the contributions, searches them without accents, within the scope', async () => {
    const url = `/api/partners/${partnerId}/contributions`;
    for (let i = 1; i <= 7; i++)
      expect(
        (
          await call('POST', url, district, {
            communeId: world.communeA.id,
            kind: 'support_points',
            quantity: i,
            description: i % 2 ? `Điểm hỗ trợ lưu động số ${i}` : `Cán bộ trực ${i}`,
            contributedOn: `2025-0${i}-15`,
          })
        ).statusCode,
      ).toBe(200);
    const all = (await call('GET', `${url}?pageSize=4`, district)).json();
    // 7 here, 2 in commune A and 1 in commune B from the test above.
    expect(all).toMatchObject({ total: 10, page: 1, pageSize: 4 });
    expect(all.items).toHaveLength(4);
    const second = (await call('GET', `${url}?pageSize=4&page=3`, district)).json();
    expect(second.items.map((c: { contributedOn: string }) => c.contributedOn)).toEqual([
      '2025-02-15',
      '2025-01-15',
    ]);
    expect((await call('GET', `${url}?pageSize=201`, district)).statusCode).toBe(400);
    const folded = (await call('GET', `${url}?q=diem%20ho%20tro%20luu`, district)).json();
    expect(folded.total).toBe(4);
    expect(
      folded.items.every((c: { description: string }) => c.description.startsWith('Điểm hỗ trợ')),
    ).toBe(true);
    // The commune's name is searched too, without accents.
    const byCommune = (await call('GET', `${url}?q=DONG%20DAT`, district)).json();
    expect(byCommune.items.map((c: { communeId: string }) => c.communeId)).toEqual([
      world.communeB.id,
    ]);
    // Commune B's officer never sees commune A's contributions, even by searching them.
    const officerB = await login(t.app, 'commune_officer.b');
    const forB = (await call('GET', `${url}?q=diem`, officerB)).json();
    expect(forB.total).toBe(0);
    const officerA = await login(t.app, 'commune_officer.a');
    expect((await call('GET', url, officerA)).json().total).toBe(9);
    const partnerB = await login(t.app, 'partner.b');
    expect((await call('GET', url, partnerB)).statusCode).toBe(404);
  });

  it('checks every commune of a partner in one read, naming the one refused', async () => {
    const other = await call('POST', '/api/partners', district, {
      ...body(),
      name: 'Bưu điện tỉnh',
      communeIds: [world.communeA.id, world.hamletA.id],
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().details[0].path).toBe('body.communeIds.1');
    const unknown = '01900000-0000-7000-8000-000000000000';
    const missing = await call('POST', '/api/partners', district, {
      ...body(),
      name: 'Bưu điện tỉnh',
      communeIds: [world.communeA.id, world.communeB.id, unknown],
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().details[0].path).toBe('body.communeIds.2');
    const officerA = await login(t.app, 'commune_officer.a');
    const outside = await call('PUT', `/api/partners/${partnerId}`, officerA, body());
    expect([403, 404]).toContain(outside.statusCode);
  });
});
