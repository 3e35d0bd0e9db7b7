import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from './app-error';
import { readRows, type StreamRow } from './row-stream';
import {
  SHEET_BATCH_ROWS,
  SHEET_BATCHES_AHEAD,
  SheetReader,
  sheetWorkersRunning,
  streamRows,
} from './sheet-reader';

const dir = mkdtempSync(join(tmpdir(), 'toso-sheet-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(rows: AsyncIterable<StreamRow>): Promise<StreamRow[]> {
  const out: StreamRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

async function xlsxFile(name: string, rows: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['Họ và tên', 'Năm sinh', 'Ghi chú']);
  for (let i = 1; i <= rows; i += 1) ws.addRow([`Nguyễn Thị Ánh ${i}`, 1950 + (i % 60), '']);
  // A formula cell: read as its value, and flagged.
  ws.getCell('C3').value = { formula: 'B3*2', result: 3904 };
  const file = join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** Two rows, the second cut off: an XML error in the sheet. */
function brokenXlsx(): string {
  const file = join(dir, 'broken.xlsx');
  const sheet =
    '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row>' +
    '<row r="2"><c r="A2" t="inlineStr"><is><t>Lê Văn Tám</t></is></c></sheetData></worksheet>';
  writeFileSync(
    file,
    zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets/></workbook>'),
      'xl/worksheets/sheet1.xml': strToU8(sheet),
    }),
  );
  return file;
}

async function noThreadLeft() {
  for (let i = 0; i < 100 && sheetWorkersRunning() > 0; i += 1)
    await new Promise((r) => setTimeout(r, 20));
  return sheetWorkersRunning();
}

// Each test starts a thread, which loads its code through tsx: slow on a busy machine.
describe('the sheet reader thread', { timeout: 30_000 }, () => {
  it('gives the same rows as reading in this thread, formula cells included, and ends', async () => {
    const file = await xlsxFile('good.xlsx', 2500);
    const inThread = await collect(readRows(file, 'xlsx'));
    const reader = new SheetReader();
    const viaWorker = await collect(reader.rows(file, 'xlsx'));
    expect(viaWorker).toEqual(inThread);
    expect(viaWorker).toHaveLength(2501);
    expect(viaWorker[2]).toEqual({
      row: 3,
      cells: ['Nguyễn Thị Ánh 2', '1952', '3904'],
      formulaColumns: [2],
    });
    await reader.exited;
    expect(await noThreadLeft()).toBe(0);
  });

  it('reads a CSV the same way, a cell holding NUL included', async () => {
    const file = join(dir, 'list.csv');
    writeFileSync(file, '\uFEFFHọ và tên,Năm sinh\n"Trần\u0000Bình",1980\n\n Đỗ Thị Hà ,1990\n');
    expect(await collect(streamRows(file, 'csv'))).toEqual(await collect(readRows(file, 'csv')));
    expect((await collect(streamRows(file, 'csv')))[1]!.cells).toEqual(['Trần\u0000Bình', '1980']);
  });

  it('throws the error of a malformed file as it was thrown in the thread, and ends it', async () => {
    const reader = new SheetReader();
    const error = await collect(reader.rows(brokenXlsx(), 'xlsx')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'unsupported_media_type',
      message: 'Tệp XLSX có nội dung XML hỏng',
    });
    await reader.exited;

    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'Họ và tên,Năm sinh\n"Lê Văn Tám,1980\n');
    await expect(collect(streamRows(csv, 'csv'))).rejects.toMatchObject({
      code: 'import_invalid',
      message: expect.stringContaining('Tệp CSV không hợp lệ ở dòng'),
    });
    expect(await noThreadLeft()).toBe(0);
  });

  it('stays a bounded number of batches ahead of a slow reader, and ends when given up', async () => {
    const file = await xlsxFile('long.xlsx', SHEET_BATCH_ROWS * 8);
    const reader = new SheetReader();
    const rows = reader.rows(file, 'xlsx');
    await rows.next();
    // The thread could read the whole file meanwhile; it must wait for the reader instead.
    await new Promise((r) => setTimeout(r, 500));
    expect(reader.batches).toBeLessThanOrEqual(SHEET_BATCHES_AHEAD + 1);
    let taken = 1;
    for await (const _ of rows) {
      taken += 1;
      if (taken === SHEET_BATCH_ROWS * 3) break; // the caller stops: the thread is ended
    }
    await reader.exited;
    expect(reader.batches).toBeLessThanOrEqual(3 + SHEET_BATCHES_AHEAD + 1);
    expect(await noThreadLeft()).toBe(0);
  });

  it('ends a thread that was never given a file', async () => {
    const reader = new SheetReader();
    reader.close();
    await reader.exited;
    expect(await noThreadLeft()).toBe(0);
  });
});
