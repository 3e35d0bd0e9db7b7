import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from './app-error';

export type TableFormat = 'csv' | 'xlsx' | 'json';

/** A data row of a file, with its 1-based row number as a person sees it in the file. */
export interface TableRow {
  row: number;
  values: Record<string, string>;
  /** Headers of the cells that held a formula (their value is not trusted). */
  formulas?: string[];
}

export interface Table {
  headers: string[];
  rows: TableRow[];
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Guesses the format from the content, not the file name. */
export function sniffFormat(data: Buffer): TableFormat {
  if (data.subarray(0, 4).equals(XLSX_MAGIC)) return 'xlsx';
  const head = data
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  if (data.subarray(0, 4096).includes(0)) {
    throw new AppError('unsupported_media_type', 'Tệp không phải bảng tính CSV, XLSX hoặc JSON');
  }
  return 'csv';
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value as string | number | boolean).trim();
}

async function readXlsx(data: Buffer): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError('unsupported_media_type', 'Không đọc được tệp XLSX');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = cellText(cell.value);
  });
  const rows: TableRow[] = [];
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    const values: Record<string, string> = {};
    const formulas: string[] = [];
    headers.forEach((h, i) => {
      const value = r.getCell(i + 1).value;
      if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
        formulas.push(h);
      }
      values[h] = cellText(value);
    });
    if (Object.values(values).some((v) => v !== '')) {
      rows.push(formulas.length ? { row: n, values, formulas } : { row: n, values });
    }
  });
  return { headers, rows };
}

function readCsv(data: Buffer): Table {
  let records: string[][];
  try {
    records = parseCsv(data, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (e) {
    throw new AppError('import_invalid', `Tệp CSV không hợp lệ: ${(e as Error).message}`);
  }
  const [headers = [], ...body] = records;
  return {
    headers,
    rows: body.map((cells, i) => ({
      row: i + 2,
      values: Object.fromEntries(headers.map((h, j) => [h, cells[j] ?? ''])),
    })),
  };
}

function readJson(data: Buffer, list?: string): Table {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new AppError('import_invalid', 'Tệp JSON không hợp lệ');
  }
  let items: unknown = parsed;
  if (!Array.isArray(parsed) && parsed && typeof parsed === 'object') {
    const obj = parsed as Record<string, unknown>;
    const lists = Object.keys(obj).filter((k) => Array.isArray(obj[k]));
    const key = list ?? (lists.length === 1 ? lists[0] : undefined);
    if (!key || !Array.isArray(obj[key])) {
      throw new AppError('import_invalid', `Chọn danh sách cần nhập: ${lists.join(', ')}`, [
        { path: 'list', message: `Các danh sách trong tệp: ${lists.join(', ')}` },
      ]);
    }
    items = obj[key];
  }
  if (!Array.isArray(items))
    throw new AppError('import_invalid', 'Tệp JSON phải chứa một danh sách');
  const headers = new Set<string>();
  const rows = items.map((item, i) => {
    const values: Record<string, string> = {};
    if (item && typeof item === 'object') {
      for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
        if (v !== null && typeof v === 'object') continue;
        headers.add(k);
        values[k] = v === null || v === undefined ? '' : String(v as string | number).trim();
      }
    }
    return { row: i + 1, values };
  });
  return { headers: [...headers], rows };
}

/** Reads a CSV, XLSX or JSON file into rows keyed by header. */
export async function readTable(data: Buffer, options: { list?: string } = {}): Promise<Table> {
  const format = sniffFormat(data);
  if (format === 'xlsx') return readXlsx(data);
  if (format === 'json') return readJson(data, options.list);
  return readCsv(data);
}
