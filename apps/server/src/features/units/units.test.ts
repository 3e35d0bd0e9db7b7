import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld } from '../../../test/factories';
import { todayInVietnam } from '../../lib/ids';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let officerA: string;
let admin: string;

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  officerA = await login(t.app, 'commune_officer.a');
  admin = await login(t.app, 'admin');
});
afterAll(async () => t.close());

const get = (url: string, cookie: string) =>
  t.app.inject({ method: 'GET', url, headers: { cookie } });
const send = (method: 'POST' | 'PATCH', url: string, cookie: string, payload: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, payload: payload as object });

describe('browsing units', () => {
  it('shows an admin the province as root, with its child count', async () => {
    const res = await get('/api/units', admin);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((u: { name: string }) => u.name)).toEqual(['Tỉnh Thái Nguyên']);
    expect(body.items[0].childCount).toBe(1);
  });

  it('shows a commune officer their own commune as root, and its hamlets', async () => {
    const roots = (await get('/api/units', officerA)).json();
    expect(roots.items.map((u: { id: string }) => u.id)).toEqual([world.communeA.id]);
    expect(roots.items[0].childCount).toBe(2);
    const children = (await get(`/api/units?parentId=${world.communeA.id}`, officerA)).json();
    expect(children.total).toBe(2);
  });

  it('paginates', async () => {
    const page1 = (
      await get(`/api/units?parentId=${world.communeA.id}&pageSize=1&page=1`, officerA)
    ).json();
    const page2 = (
      await get(`/api/units?parentId=${world.communeA.id}&pageSize=1&page=2`, officerA)
    ).json();
    expect(page1.items).toHaveLength(1);
    expect(page2.items).toHaveLength(1);
    expect(page1.items[0].id).not.toBe(page2.items[0].id);
    expect(page1.total).toBe(2);
  });

  it('finds units without accents or case ("yen do" finds "Xã Yên Đổ")', async () => {
    const res = (await get('/api/units?q=yen%20do', admin)).json();
    expect(res.items.map((u: { name: string }) => u.name)).toContain('Xã Yên Đổ');
    const nfd = encodeURIComponent('YÊN ĐỔ'.normalize('NFD'));
    expect((await get(`/api/units?q=${nfd}`, admin)).json().total).toBe(1);
  });

  it('treats LIKE wildcards in a search literally', async () => {
    expect((await get('/api/units?q=%25', admin)).json().total).toBe(0);
    expect((await get('/api/units?q=_', admin)).json().total).toBe(0);
  });
});

describe('hamlets', () => {
  it('lets a commune officer add, rename and retire a hamlet of their commune, audited', async () => {
    const created = await send('POST', '/api/units', officerA, {
      parentId: world.communeA.id,
      kind: 'xom',
      name: 'Đồng Ổi',
    });
    expect(created.statusCode).toBe(201);
    const unit = created.json();
    expect(unit.name).toBe('Xóm Đồng Ổi');
    expect(unit.level).toBe('hamlet');
    const found = (await get('/api/units?q=dong%20oi', officerA)).json();
    expect(found.items.map((u: { id: string }) => u.id)).toContain(unit.id);

    const renamed = await send('PATCH', `/api/units/${unit.id}`, officerA, { name: 'Đồng Ổi Mới' });
    expect(renamed.json().name).toBe('Xóm Đồng Ổi Mới');

    const retired = await send('POST', `/api/units/${unit.id}/retire`, officerA, {
      validTo: todayInVietnam(),
      successorIds: [world.hamletA.id],
    });
    expect(retired.statusCode).toBe(200);
    expect(retired.json().successorIds).toEqual([world.hamletA.id]);
    const after = (await get(`/api/units?parentId=${world.communeA.id}`, officerA)).json();
    expect(after.items.map((u: { id: string }) => u.id)).not.toContain(unit.id);
    const withRetired = (
      await get(`/api/units?parentId=${world.communeA.id}&includeRetired=1`, officerA)
    ).json();
    expect(withRetired.items.map((u: { id: string }) => u.id)).toContain(unit.id);

    const audit = (await get(`/api/audit?entity=unit`, officerA)).json();
    const actions = audit.items
      .filter((e: { entityId: string }) => e.entityId === unit.id)
      .map((e: { action: string }) => e.action);
    expect(actions.sort()).toEqual(['create', 'rename', 'retire']);
  });

  it('refuses a duplicate name in the same commune, pointing at the field', async () => {
    const res = await send('POST', '/api/units', officerA, {
      parentId: world.communeA.id,
      kind: 'xom',
      name: 'lang moi',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().details[0].path).toBe('body.name');
  });

  it('refuses an empty name with a field path', async () => {
    const res = await send('POST', '/api/units', officerA, {
      parentId: world.communeA.id,
      kind: 'xom',
      name: ' ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
    expect(res.json().details[0].path).toBe('body.name');
  });

  it('refuses a hamlet under another commune, without revealing it', async () => {
    const res = await send('POST', '/api/units', officerA, {
      parentId: world.communeB.id,
      kind: 'xom',
      name: 'Lạ',
    });
    expect(res.statusCode).toBe(404);
  });

  it('refuses a hamlet directly under a district', async () => {
    const res = await send('POST', '/api/units', admin, {
      parentId: world.district.id,
      kind: 'xom',
      name: 'Lạ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('body.parentId');
  });

  it('does not let a commune officer rename their commune', async () => {
    const res = await send('PATCH', `/api/units/${world.communeA.id}`, officerA, {
      name: 'Xã Khác',
    });
    expect(res.statusCode).toBe(403);
  });

  it('does not retire a unit that still has current children', async () => {
    const res = await send('POST', `/api/units/${world.communeB.id}/retire`, admin, {
      validTo: '2026-01-01',
      successorIds: [],
    });
    expect(res.statusCode).toBe(409);
  });

  it('does not let team members or partners add hamlets', async () => {
    for (const u of ['team_member.a', 'team_leader.a', 'partner.a']) {
      const cookie = await login(t.app, u);
      const res = await send('POST', '/api/units', cookie, {
        parentId: world.communeA.id,
        kind: 'xom',
        name: 'Thử',
      });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('importing official lists', () => {
  const shared = new URL('../../../../../../shared/data/', import.meta.url);
  const upload = (cookie: string, file: Buffer, filename: string, query = '') => {
    const boundary = '----toso';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    const payload = Buffer.concat([
      Buffer.from(head),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({
      method: 'POST',
      url: `/api/units/import${query}`,
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
  };

  it('imports the 2022 list of Thái Nguyên (188 units) idempotently', async () => {
    const json = readFileSync(new URL('thai-nguyen-units.json', shared));
    const dry = await upload(admin, json, 'units.json', '?list=units_2022&dryRun=1');
    expect(dry.statusCode).toBe(200);
    expect(dry.json().dryRun).toBe(true);
    const first = await upload(admin, json, 'units.json', '?list=units_2022');
    expect(first.statusCode).toBe(200);
    const r1 = first.json();
    expect(r1.total).toBe(188);
    // The world already had the province, the district and two communes (one with another name).
    expect(r1.created).toBe(184);
    expect(r1.created + r1.updated + r1.unchanged).toBe(188);
    const second = (await upload(admin, json, 'units.json', '?list=units_2022')).json();
    expect(second).toMatchObject({ total: 188, created: 0, updated: 0, unchanged: 188 });
    const phuLuong = (
      await get(`/api/units?parentId=${world.district.id}&pageSize=100`, admin)
    ).json();
    expect(phuLuong.total).toBe(15);
    expect(phuLuong.items.map((u: { code: string }) => u.code)).toContain('05650');
  });

  it('imports the Phú Lương CSV snapshot of 2022 with nothing to change, and asks which snapshot', async () => {
    const csv = readFileSync(new URL('phu-luong-units.csv', shared));
    const noSnapshot = await upload(admin, csv, 'pl.csv');
    expect(noSnapshot.statusCode).toBe(422);
    expect(noSnapshot.json().details[0].path).toBe('snapshot');
    const res = await upload(admin, csv, 'pl.csv', '?snapshot=2022-10-01');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 15, created: 0, updated: 0, unchanged: 15 });
  });

  it('reports every bad row by row and column and writes nothing', async () => {
    const before = (await get('/api/units?q=xa%20moi', admin)).json().total;
    const csv = Buffer.from(
      'Mã,Tên,Loại,Mã cấp trên\n' +
        '99901,Xã Mới Một,Xã,168\n' +
        'abc,Xã Hỏng,Xã,168\n' +
        '99903,Xã Mới Ba,Vương quốc,168\n' +
        '99904,Xã Mồ Côi,Xã,777\n',
    );
    const res = await upload(admin, csv, 'bad.csv');
    expect(res.statusCode).toBe(422);
    const details = res.json().details;
    expect(details.map((d: { row: number }) => d.row)).toEqual([3, 4, 5]);
    expect(details[0].column).toBe('Mã');
    expect(details[1].column).toBe('Loại');
    expect((await get('/api/units?q=xa%20moi', admin)).json().total).toBe(before);
  });

  it('refuses a binary file that is not a spreadsheet', async () => {
    const res = await upload(
      admin,
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]),
      'units.csv',
    );
    expect(res.statusCode).toBe(415);
  });

  it('is refused to a commune officer', async () => {
    const res = await upload(officerA, Buffer.from('code,name,type\n'), 'x.csv');
    expect(res.statusCode).toBe(403);
  });
});
