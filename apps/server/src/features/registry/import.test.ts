import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld } from '../../../test/factories';
import { settleImport, uploadFile } from '../../../test/upload';
import { sheetWorkersRunning } from '../../lib/sheet-reader';
import { keptCoverage, recountCoverage } from '../dashboard/coverage-counts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let officer: string;

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  officer = await login(t.app, 'commune_officer.a');
});
afterAll(async () => t.close());

const settle = (id: string) => settleImport(t.app, officer, id);

async function upload(data: Buffer, name: string, unitId = world.communeA.id) {
  const res = await uploadFile(
    t.app,
    `/api/imports/residents?unitId=${unitId}`,
    officer,
    data,
    name,
  );
  if (res.statusCode !== 202) return { res, job: null };
  return { res, job: await settle(res.json().id) };
}

const HEADER =
  'Xóm / Thôn / Tổ dân phố,Mã hộ,Địa chỉ,Họ và tên,Năm sinh,Giới tính,Quan hệ với chủ hộ,Số điện thoại,Số CCCD / Số định danh,Dân tộc\n';
const GOOD = [
  'Xóm Làng Mới,1,Số 3,Hoàng Văn Thụ,1970,Nam,Chủ hộ,0912 111 001,001070000111,Tày',
  'Làng Mới,1,,Lý Thị Hồng,1972,Nữ,Vợ,,,Tày',
  'xom lang moi,1,,Hoàng Văn Tiến,2001,Nam,Con,0912111003,,Tày',
  'Xóm Đồng Tâm,2,Số 8,Đỗ Thị Hường,1958,Nữ,Chủ hộ,0912111004,,Kinh',
  'Xóm Đồng Tâm,2,,Đỗ Văn Quý,1985,Nam,Con,,,Kinh',
];

describe('importing a household list', () => {
  it('lists every bad row with its column and writes nothing', async () => {
    const bad = [...GOOD];
    bad[1] = 'Làng Mới,1,,Lý Thị Hồng,19x2,Nữ,Vợ,,,Tày';
    bad[3] = 'Xóm Không Có,2,Số 8,Đỗ Thị Hường,1958,Nữa,Chủ hộ,12345,,Kinh';
    const { job } = await upload(Buffer.from(HEADER + bad.join('\n')), 'ds.csv');
    expect(job.status).toBe('invalid');
    expect(
      job.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`).sort(),
    ).toEqual(['3:Năm sinh', '5:Giới tính', '5:Số điện thoại'].sort());
    const commit = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${job.id}/commit`,
      headers: { cookie: officer },
      payload: {},
    });
    expect(commit.statusCode).toBe(409);
    expect(
      (
        await t.db
          .selectFrom('residents')
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ).toEqual(expect.anything());
    expect(
      Number(
        (
          await t.db
            .selectFrom('residents')
            .select((e) => e.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(0);
  });

  it('reports a hamlet that is not in the commune', async () => {
    const rows = [...GOOD];
    rows[3] = 'Xóm Không Có,2,Số 8,Đỗ Thị Hường,1958,Nữ,Chủ hộ,0912111004,,Kinh';
    const { job } = await upload(Buffer.from(HEADER + rows.join('\n')), 'ds.csv');
    expect(job.errors[0]).toMatchObject({ row: 5, column: 'Xóm / Thôn / Tổ dân phố' });
  });

  it('imports a good file all at once, grouping people into households', async () => {
    const spoolDirs = () => readdirSync(tmpdir()).filter((d) => d.startsWith('toso-import-'));
    const before = new Set(spoolDirs());
    const { job } = await upload(Buffer.from(HEADER + GOOD.join('\n')), 'ds.csv');
    expect(job.status, JSON.stringify(job.errors)).toBe('ready');
    expect(job.summary).toEqual({ households: 2, residents: 5 });
    // The spooled rows keep only the keyed hash of a national ID, never the number.
    const spooled = spoolDirs()
      .filter((d) => !before.has(d))
      .map((d) => join(tmpdir(), d, 'rows.jsonl'))
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f, 'utf8'))
      .join('');
    expect(spooled).toContain('Hoàng Văn Thụ');
    expect(spooled).not.toContain('001070000111');
    const commit = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${job.id}/commit`,
      headers: { cookie: officer },
      payload: {},
    });
    expect(commit.statusCode).toBe(202);
    const done = await settle(job.id);
    expect(done.status).toBe('done');
    expect(done.written).toEqual({ households: 2, residents: 5, skipped: 0 });
    // The kept households per unit follow the import.
    const kept = await keptCoverage(t.db);
    expect(kept).toEqual(await recountCoverage(t.db));
    expect(kept.get(world.communeA.id)?.households).toBeGreaterThanOrEqual(2);
    const found = (
      await t.app.inject({
        method: 'POST',
        url: '/api/residents/search',
        headers: { cookie: officer },
        payload: { q: 'hoang van thu' },
      })
    ).json();
    expect(found.items[0]).toMatchObject({
      fullName: 'Hoàng Văn Thụ',
      hamletName: 'Xóm Làng Mới',
      relation: 'head',
      nationalIdLast4: '0111',
    });
    const hh = (
      await t.app.inject({
        method: 'GET',
        url: `/api/residents?householdId=${found.items[0].householdId}`,
        headers: { cookie: officer },
      })
    ).json();
    expect(hh.total).toBe(3);
  });

  it('lists duplicates already in the registry or in the file, and skips them on commit', async () => {
    const rows = [
      HEADER + GOOD[0],
      'Xóm Làng Mới,9,,Ma Văn Mới,1999,Nam,Chủ hộ,,,Tày',
      'Xóm Làng Mới,9,,Ma Văn Mới,1999,Nam,Con,,,Tày',
    ];
    const { job } = await upload(Buffer.from(rows.join('\n')), 'lai.csv');
    expect(job.status).toBe('ready');
    expect(job.duplicateCount).toBe(2);
    expect(job.duplicates.find((d: { row: number }) => d.row === 2)).toMatchObject({
      reasons: ['name_birth_year', 'phone', 'national_id'],
      existingName: 'Hoàng Văn Thụ (Xóm Làng Mới)',
    });
    expect(job.duplicates.find((d: { row: number }) => d.row === 4)).toMatchObject({
      existingRow: 3,
    });
    const writing = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${job.id}/commit`,
      headers: { cookie: officer },
      payload: { skipDuplicates: true },
    });
    // Progress answers carry the counts, not the lists (shown once ready or invalid).
    expect(writing.json()).toMatchObject({ status: 'writing', duplicateCount: 2, duplicates: [] });
    const done = await settle(job.id);
    expect(done.written).toEqual({ households: 1, residents: 2, skipped: 1 });
    expect(done.duplicates).toHaveLength(2);
  });

  it('asks for a column mapping when headers differ, then reads again', async () => {
    const csv = 'Tên người,Thôn,Sinh năm,Vai trò\nNông Văn Dền,Xóm Làng Mới,1990,Chủ hộ\n';
    const { job } = await upload(Buffer.from(csv), 'khac.csv');
    expect(job.status).toBe('needs_mapping');
    expect(job.headers).toEqual(['Tên người', 'Thôn', 'Sinh năm', 'Vai trò']);
    const remap = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${job.id}/mapping`,
      headers: { cookie: officer },
      payload: { mapping: { fullName: 0, hamlet: 1, birthYear: 2, relation: 3 } },
    });
    expect(remap.statusCode).toBe(200);
    const again = await settle(job.id);
    expect(again.status).toBe('ready');
    expect(again.summary).toEqual({ households: 1, residents: 1 });
  });

  it('reads .xlsx, and takes only the values of formula cells, with a warning', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['Họ và tên', 'Năm sinh', 'Quan hệ với chủ hộ']);
    ws.addRow(['Vi Văn Kiên', { formula: '1990+1', result: 1991 }, 'Chủ hộ']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const { job } = await upload(data, 'ds.xlsx', world.hamletA.id);
    expect(job.status, JSON.stringify(job)).toBe('ready');
    expect(job.warnings[0]).toMatchObject({ row: 2, column: 'Năm sinh' });
  });

  it('keeps every Vietnamese letter of a large .xlsx intact, birth dates as date cells included', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['Họ và tên', 'Ngày sinh', 'Quan hệ với chủ hộ', 'Địa chỉ']);
    const names: string[] = [];
    const given = [
      'Thuần',
      'Thuật',
      'Thường',
      'Thượng',
      'Tuyết',
      'Nguyệt',
      'Huỳnh',
      'Khuyến',
      'Đường',
      'Ngữ',
    ];
    for (let i = 0; i < 6000; i += 1) {
      const name = `Nguyễn Đức ${given[i % given.length]} ${i}`;
      names.push(name);
      ws.addRow([
        name,
        new Date(Date.UTC(1950 + (i % 50), 5, 15)),
        i % 4 === 0 ? 'Chủ hộ' : 'Con',
        `Xóm Làng Mới, ngõ Đầu Cầu số ${i}`,
      ]);
    }
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const { job } = await upload(data, 'lon.xlsx', world.hamletA2.id);
    expect(job.status, JSON.stringify(job.errors.slice(0, 3))).toBe('ready');
    await t.app.inject({
      method: 'POST',
      url: `/api/imports/${job.id}/commit`,
      headers: { cookie: officer },
      payload: { skipDuplicates: false },
    });
    expect((await settle(job.id)).written.residents).toBe(6000);
    const stored = await t.db
      .selectFrom('residents')
      .select(['full_name', 'birth_year'])
      .where('hamlet_id', '=', world.hamletA2.id)
      .execute();
    const mine = stored.filter((s) => s.full_name.startsWith('Nguyễn Đức'));
    expect(new Set(mine.map((s) => s.full_name))).toEqual(new Set(names));
    expect(stored.some((s) => s.full_name.includes('\uFFFD'))).toBe(false);
    expect(
      mine.every((s) => s.birth_year !== null && s.birth_year >= 1950 && s.birth_year < 2000),
    ).toBe(true);
  });

  it('refuses a file that is not a spreadsheet, a zip bomb, and an oversized file', async () => {
    const exe = await upload(
      Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]),
      'ds.xlsx',
    );
    expect(exe.res.statusCode).toBe(415);
    const notExcel = await upload(
      Buffer.from(zipSync({ 'a.txt': new Uint8Array([1, 2, 3]) })),
      'ds.xlsx',
    );
    expect(notExcel.res.statusCode).toBe(415);
    const bomb = await upload(
      Buffer.from(zipSync({ 'xl/workbook.xml': new Uint8Array(50 * 1024 * 1024) }, { level: 9 })),
      'bomb.xlsx',
    );
    expect(bomb.res.statusCode).toBe(415);
    expect(bomb.res.json().message).toContain('bom');
    const huge = await upload(Buffer.alloc(31 * 1024 * 1024, 0x41), 'huge.csv');
    expect(huge.res.statusCode).toBe(413);
  });

  it('reports a malformed sheet read in its thread, and leaves no reading thread behind', async () => {
    const noThreadLeft = async () => {
      for (let i = 0; i < 100 && sheetWorkersRunning() > 0; i += 1)
        await new Promise((r) => setTimeout(r, 20));
      return sheetWorkersRunning();
    };
    // The sheet's XML is cut off after the first data row.
    const sheet =
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>Lê Văn Tám</t></is></c></sheetData>';
    const broken = Buffer.from(
      zipSync({
        'xl/workbook.xml': strToU8('<workbook><sheets/></workbook>'),
        'xl/worksheets/sheet1.xml': strToU8(sheet),
      }),
    );
    const { job } = await upload(broken, 'ds.xlsx');
    expect(job).toMatchObject({ status: 'failed', message: 'Tệp XLSX có nội dung XML hỏng' });
    expect(await noThreadLeft()).toBe(0);
    // A file whose headers are not recognised stops reading at its header row.
    const unknown = await upload(
      Buffer.from(`Tên,Tuổi\n${'Lê Văn Tám,40\n'.repeat(5000)}`),
      'a.csv',
    );
    expect(unknown.job.status).toBe('needs_mapping');
    expect(await noThreadLeft()).toBe(0);
    // A refused upload (too large) ends the thread started for it.
    const huge = await upload(Buffer.alloc(31 * 1024 * 1024, 0x41), 'huge.csv');
    expect(huge.res.statusCode).toBe(413);
    expect(await noThreadLeft()).toBe(0);
  });

  it('is refused to a team member, and to an officer of another commune', async () => {
    const member = await login(t.app, 'team_member.a');
    const res = await uploadFile(
      t.app,
      `/api/imports/residents?unitId=${world.hamletA.id}`,
      member,
      Buffer.from(HEADER),
      'x.csv',
    );
    expect(res.statusCode).toBe(403);
    const other = await uploadFile(
      t.app,
      `/api/imports/residents?unitId=${world.communeB.id}`,
      officer,
      Buffer.from(HEADER),
      'x.csv',
    );
    expect(other.statusCode).toBe(404);
  });
});

describe('template and export', () => {
  it('offers the template with the usual Vietnamese headers', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/residents/template.xlsx',
      headers: { cookie: officer },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = wb.worksheets[0].getRow(1).values as string[];
    expect(headers).toEqual(
      expect.arrayContaining([
        'Họ và tên',
        'Năm sinh',
        'Giới tính',
        'Quan hệ với chủ hộ',
        'Số điện thoại',
        'Số CCCD / Số định danh',
        'Dân tộc',
        'Xóm / Thôn / Tổ dân phố',
      ]),
    );
  });

  it('exports a commune’s list with cells that would start a formula escaped', async () => {
    const hh = (
      await t.app.inject({
        method: 'POST',
        url: '/api/households',
        headers: { cookie: officer },
        payload: { hamletId: world.hamletA.id },
      })
    ).json();
    await t.app.inject({
      method: 'POST',
      url: '/api/residents',
      headers: { cookie: officer },
      payload: {
        householdId: hh.id,
        fullName: '=HYPERLINK("http://x")',
        confirmNotDuplicate: true,
      },
    });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/residents/export.xlsx?unitId=${world.communeA.id}`,
      headers: { cookie: officer },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const values = JSON.stringify(wb.worksheets[0].getSheetValues());
    expect(values).toContain("'=HYPERLINK");
    expect(values).toContain('Hoàng Văn Thụ');
    expect(values).toContain('0912111001');
  });
});
