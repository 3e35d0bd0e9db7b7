import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld } from '../../../test/factories';
import { uploadFile } from '../../../test/upload';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let district: string;
let officerA: string;
let campaign: { id: string; indicators: { id: string }[] };

const req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, payload });

const VNEID = 'VNeID (định danh điện tử) — Đã tạo tài khoản';

async function exported(cookie: string, unitId: string) {
  const res = await req(
    'GET',
    `/api/campaigns/${campaign.id}/targets.xlsx?unitId=${unitId}`,
    cookie,
  );
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  return res.rawPayload;
}

async function workbook(rows: (string | number | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Chỉ tiêu');
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const importFile = (cookie: string, unitId: string, data: Buffer, commit: boolean) =>
  uploadFile(
    t.app,
    `/api/campaigns/${campaign.id}/targets/import?unitId=${unitId}&commit=${commit ? 1 : 0}`,
    cookie,
    data,
    'chi-tieu.xlsx',
  );

const gridOf = async (cookie: string, unitId: string) =>
  (await req('GET', `/api/campaigns/${campaign.id}/targets?unitId=${unitId}`, cookie)).json() as {
    parent: { target: number | null }[];
    rows: { unitId: string; cells: { target: number | null }[] }[];
  };

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  district = await login(t.app, 'district_officer');
  officerA = await login(t.app, 'commune_officer.a');
  const platforms = (await req('GET', '/api/platforms', district)).json() as {
    id: string;
    code: string;
  }[];
  campaign = (
    await req('POST', '/api/campaigns', district, {
      unitId: world.district.id,
      name: 'Thí điểm 2022',
      startsOn: '2022-05-16',
      endsOn: '2022-12-31',
      indicators: [
        { platformId: platforms.find((p) => p.code === 'vneid')!.id, outcome: 'account_created' },
        {
          platformId: platforms.find((p) => p.code === 'ky-nang-dvc')!.id,
          outcome: 'skill_mastered',
        },
      ],
    })
  ).json();
  const [vneid, skill] = campaign.indicators;
  await req('PUT', `/api/campaigns/${campaign.id}/targets`, district, {
    targets: [
      { indicatorId: vneid.id, unitId: world.district.id, value: 100 },
      { indicatorId: vneid.id, unitId: world.communeA.id, value: 60 },
      { indicatorId: vneid.id, unitId: world.communeB.id, value: 40 },
      { indicatorId: skill.id, unitId: world.communeA.id, value: 7 },
    ],
  });
});
afterAll(async () => t.close());

describe('targets as .xlsx', () => {
  it('exports the grid: unit rows, indicator columns, the unit itself last', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exported(district, world.district.id)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(3).value).toBe(VNEID);
    expect(ws.getRow(2).getCell(1).value).toBe('05620');
    expect(ws.getRow(2).getCell(3).value).toBe(60);
    expect(ws.getRow(4).getCell(2).value).toBe('Huyện Phú Lương');
    expect(ws.getRow(4).getCell(3).value).toBe(100);
  });

  it('a round trip export → import changes nothing', async () => {
    const file = await exported(district, world.district.id);
    const preview = (await importFile(district, world.district.id, file, false)).json();
    expect(preview).toEqual({ committed: false, changes: [], errors: [] });
    const done = await importFile(district, world.district.id, file, true);
    expect(done.json()).toEqual({ committed: true, changes: [], errors: [] });
    const hamlets = await exported(officerA, world.communeA.id);
    expect((await importFile(officerA, world.communeA.id, hamlets, false)).json().changes).toEqual(
      [],
    );
  });

  it('lists every bad row by row and column, and writes nothing', async () => {
    const before = await gridOf(district, world.district.id);
    const file = await workbook([
      ['Mã đơn vị', 'Tên đơn vị', VNEID, 'Cột lạ'],
      ['05620', 'Xã Yên Đổ', 65, ''],
      ['99999', 'Xã Không Có', 1, ''],
      ['', 'Xã Động Đạt', 'mười', ''],
      ['', 'Xã Đâu Đó', 2, ''],
      ['168', '', -3, ''],
      ['05620', 'Xã Yên Đổ', 2.5, ''],
    ]);
    const preview = (await importFile(district, world.district.id, file, false)).json();
    const errors = (preview.errors as { row: number; column: string }[]).map(
      (e) => `${e.row}:${e.column}`,
    );
    expect(errors.sort()).toEqual(
      [
        '1:Cột lạ',
        '3:Mã đơn vị',
        `4:${VNEID}`,
        '5:Tên đơn vị',
        `6:${VNEID}`,
        '7:Tên đơn vị', // Xã Yên Đổ is already on row 2
      ].sort(),
    );
    expect(preview.changes).toEqual([
      expect.objectContaining({ row: 2, unitId: world.communeA.id, before: 60, after: 65 }),
    ]);
    const res = await importFile(district, world.district.id, file, true);
    expect(res.statusCode).toBe(422);
    expect(res.json().details.length).toBe(6);
    expect(await gridOf(district, world.district.id)).toEqual(before);
  });

  it('commits a good file in one go, audited, and empties a cell left blank', async () => {
    const file = await workbook([
      ['Mã đơn vị', 'Tên đơn vị', VNEID],
      ['05620', 'Xã Yên Đổ', 55],
      ['', 'xa dong dat', 45],
    ]);
    const res = await importFile(district, world.district.id, file, true);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().changes).toHaveLength(2);
    const grid = await gridOf(district, world.district.id);
    expect(grid.rows.map((r) => r.cells[0].target)).toEqual([55, 45]);
    // The skill column was not in the file: untouched.
    expect(grid.rows[0].cells[1].target).toBe(7);
    const audit = (await req('GET', '/api/audit?entity=target', district)).json();
    expect((audit.items as { action: string }[]).some((a) => a.action === 'import')).toBe(true);
    const blank = await workbook([
      ['Mã đơn vị', 'Tên đơn vị', VNEID],
      ['05629', 'Xã Động Đạt', ''],
    ]);
    await importFile(district, world.district.id, blank, true);
    expect((await gridOf(district, world.district.id)).rows[1].cells[0].target).toBeNull();
  });

  it('refuses a unit outside the user’s area, and the commune’s own target', async () => {
    const file = await workbook([
      ['Mã đơn vị', 'Tên đơn vị', VNEID],
      ['05629', 'Xã Động Đạt', 5],
      ['05620', 'Xã Yên Đổ', 1],
      ['', 'Xóm Làng Mới', 3],
    ]);
    const preview = (await importFile(officerA, world.communeA.id, file, false)).json();
    expect(preview.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'Mã đơn vị',
        message: expect.stringContaining('ngoài địa bàn'),
      }),
      expect.objectContaining({ row: 3, column: VNEID }),
    ]);
    expect(preview.changes).toHaveLength(1);
    expect((await importFile(officerA, world.communeA.id, file, true)).statusCode).toBe(422);
    expect((await importFile(officerA, world.communeB.id, file, false)).statusCode).toBe(404);
    expect(
      (
        await req(
          'GET',
          `/api/campaigns/${campaign.id}/targets.xlsx?unitId=${world.communeB.id}`,
          officerA,
        )
      ).statusCode,
    ).toBe(404);
    const member = await login(t.app, 'team_member.a');
    expect((await importFile(member, world.hamletA.id, file, false)).statusCode).toBe(403);
  });
});
