import type { ErrorDetail } from '@toso/domain/errors';
import { normalizePhone } from '@toso/domain/phone';
import {
  IMPORT_FIELDS,
  IMPORT_TEMPLATE_HEADERS,
  parseRelation,
  parseSex,
  type ImportField,
  type Relation,
} from '@toso/domain/registry';
import { cleanText, foldText } from '@toso/domain/text';
import type { StreamRow } from '../../lib/row-stream';

export type Mapping = Partial<Record<ImportField, number | null>>;

/** Maps the file's headers to fields by their usual Vietnamese names. */
export function recogniseHeaders(headers: string[]): Mapping {
  const mapping: Mapping = {};
  headers.forEach((h, i) => {
    const f = foldText(h)
      .replace(/[^a-z0-9 ]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    for (const [field, aliases] of Object.entries(IMPORT_FIELDS) as [
      ImportField,
      readonly string[],
    ][]) {
      if (mapping[field] === undefined && (aliases as readonly string[]).includes(f))
        mapping[field] = i;
    }
  });
  return mapping;
}

export interface ParsedRow {
  row: number;
  hamletKey: string;
  householdKey: string | null;
  address: string;
  fullName: string;
  folded: string;
  sex: 'male' | 'female' | null;
  birthYear: number | null;
  relation: Relation;
  phone: string | null;
  /** Only while the row is checked: it is replaced by its keyed hash before the row is spooled. */
  nationalId: string | null;
  nationalIdHash?: string | null;
  nationalIdLast4?: string | null;
  ethnicity: string | null;
  notes: string;
}

export interface RowProblem {
  errors: ErrorDetail[];
  warnings: { row: number; column: string; message: string }[];
}

/** The year of an Excel date serial (days since 30/12/1899), as a date cell reads without its format. */
function excelSerialYear(serial: number): number {
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000).getUTCFullYear();
}

function yearOf(birthYear: string, birthDate: string): number | null | 'invalid' {
  const y = birthYear.trim();
  if (y) return /^\d{4}$/.test(y) ? Number(y) : 'invalid';
  const d = birthDate.trim();
  if (!d) return null;
  if (/^\d{4,5}(\.\d+)?$/.test(d) && Number(d) > 3000) return excelSerialYear(Number(d));
  const m = /(\d{4})$/.exec(d) ?? /^(\d{4})-\d{2}-\d{2}$/.exec(d);
  return m ? Number(m[1]) : 'invalid';
}

/**
 * Remembers the results of a pure parse of short, repeated cells (sex, relation, hamlet,
 * ethnicity: a handful of distinct values over a whole file), up to `limit` distinct cells.
 */
function remembered<T>(parse: (text: string) => T, limit = 1000): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    let v = seen.get(text);
    if (v === undefined && !seen.has(text)) {
      v = parse(text);
      if (seen.size < limit) seen.set(text, v);
    }
    return v as T;
  };
}

const sexOf = remembered(parseSex);
const relationOf = remembered(parseRelation);
const foldedHamlet = remembered(foldText);
const cleanShort = remembered(cleanText);

/** Checks one row; every problem is reported with its row number and the file's column name. */
export function parseRow(
  r: StreamRow,
  mapping: Mapping,
  headers: string[],
  thisYear: number,
  problems: RowProblem,
): ParsedRow | null {
  const get = (f: ImportField) => {
    const i = mapping[f];
    return i === undefined || i === null ? '' : (r.cells[i] ?? '').trim();
  };
  const column = (f: ImportField) => {
    const i = mapping[f];
    return i === undefined || i === null
      ? IMPORT_TEMPLATE_HEADERS[f]
      : headers[i] || IMPORT_TEMPLATE_HEADERS[f];
  };
  const before = problems.errors.length;
  const bad = (f: ImportField, message: string) =>
    problems.errors.push({ path: `rows.${r.row}.${f}`, row: r.row, column: column(f), message });
  for (const c of r.formulaColumns) {
    const field = (Object.entries(mapping) as [ImportField, number | null][]).find(
      ([, i]) => i === c,
    )?.[0];
    if (field)
      problems.warnings.push({
        row: r.row,
        column: column(field),
        message: 'Ô có công thức: chỉ lấy giá trị, không lấy công thức',
      });
  }
  r.cells.forEach((cell, i) => {
    if (cell.includes('\uFFFD')) {
      problems.errors.push({
        path: `rows.${r.row}.cells.${i}`,
        row: r.row,
        column: headers[i] ?? String(i + 1),
        message: 'Ô có ký tự hỏng (lỗi mã hóa): hãy lưu lại tệp dạng UTF-8',
      });
    }
  });
  const fullName = cleanText(get('fullName'));
  if (fullName.length < 2) bad('fullName', 'Thiếu họ và tên');
  else if (fullName.length > 120) bad('fullName', 'Họ và tên quá dài');
  const sex = sexOf(get('sex'));
  if (sex === 'invalid') bad('sex', `Giới tính "${get('sex')}" không hợp lệ: ghi Nam hoặc Nữ`);
  const year = yearOf(get('birthYear'), get('birthDate'));
  if (year === 'invalid' || (typeof year === 'number' && (year < 1900 || year > thisYear))) {
    bad(mapping.birthYear !== undefined ? 'birthYear' : 'birthDate', 'Năm sinh không hợp lệ');
  }
  const relation = relationOf(get('relation'));
  if (relation === 'invalid')
    bad('relation', `Quan hệ "${get('relation')}" không được nhận ra (Chủ hộ, Vợ, Chồng, Con…)`);
  const phoneText = get('phone');
  const phone = phoneText ? normalizePhone(phoneText) : null;
  if (phoneText && !phone) bad('phone', `Số điện thoại "${phoneText}" không hợp lệ`);
  const nid = get('nationalId').replace(/\s/g, '');
  if (nid && !/^(\d{9}|\d{12})$/.test(nid))
    bad('nationalId', 'Số CCCD / định danh phải có 12 chữ số (hoặc 9 chữ số CMND)');
  if (problems.errors.length > before) return null;
  return {
    row: r.row,
    hamletKey: foldedHamlet(get('hamlet')),
    householdKey: get('household') || null,
    address: cleanText(get('address')),
    fullName,
    folded: foldText(fullName),
    sex: sex as 'male' | 'female' | null,
    birthYear: year as number | null,
    relation: relation as Relation,
    phone,
    nationalId: nid || null,
    ethnicity: get('ethnicity') ? cleanShort(get('ethnicity')) : null,
    notes: cleanText(get('notes')),
  };
}
