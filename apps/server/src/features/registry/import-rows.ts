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

/**
 * Remembers the cleaned and folded form of up to `limit` distinct names: a district's list repeats
 * its names (a few thousand distinct full names per 100,000 people), and NFC, NFD and the regular
 * expressions of cleanText/foldText were a tenth of the read phase's CPU (bench/README.md).
 */
function nameCache(limit = 50_000) {
  const seen = new Map<string, { clean: string; folded: string }>();
  return (text: string) => {
    let v = seen.get(text);
    if (v === undefined) {
      const clean = cleanText(text);
      v = { clean, folded: foldText(clean) };
      if (seen.size < limit) seen.set(text, v);
    }
    return v;
  };
}

function cellAt(cells: string[], i: number): string {
  return i < 0 ? '' : (cells[i] ?? '').trim();
}

/** Checks one row of a file with one mapping: see rowParser. */
export type RowParser = (r: StreamRow, problems: RowProblem) => ParsedRow | null;

/**
 * Prepares the checks of a file's rows once (the cell index and column name of every field, the
 * field of every column), so that checking a row builds no closures and no lookups per field.
 * Every problem is reported with its row number and the file's column name.
 */
export function rowParser(mapping: Mapping, headers: string[], thisYear: number): RowParser {
  const index = (f: ImportField) => {
    const i = mapping[f];
    return i === undefined || i === null ? -1 : i;
  };
  const column = (f: ImportField) => {
    const i = index(f);
    return i < 0 ? IMPORT_TEMPLATE_HEADERS[f] : headers[i] || IMPORT_TEMPLATE_HEADERS[f];
  };
  const fieldOfColumn = new Map<number, ImportField>();
  for (const [f, i] of Object.entries(mapping) as [ImportField, number | null][]) {
    if (i !== null && i !== undefined && !fieldOfColumn.has(i)) fieldOfColumn.set(i, f);
  }
  const iName = index('fullName');
  const iSex = index('sex');
  const iYear = index('birthYear');
  const iDate = index('birthDate');
  const iRelation = index('relation');
  const iPhone = index('phone');
  const iNid = index('nationalId');
  const iHamlet = index('hamlet');
  const iHousehold = index('household');
  const iAddress = index('address');
  const iEthnicity = index('ethnicity');
  const iNotes = index('notes');
  const yearField: ImportField = mapping.birthYear !== undefined ? 'birthYear' : 'birthDate';
  const names = nameCache();
  // Consecutive rows of a household repeat its address: clean it once per household.
  let lastAddress = '';
  let lastAddressClean = '';
  function bad(problems: RowProblem, row: number, f: ImportField, message: string) {
    problems.errors.push({ path: `rows.${row}.${f}`, row, column: column(f), message });
  }
  return (r, problems) => {
    const cells = r.cells;
    const before = problems.errors.length;
    for (const c of r.formulaColumns) {
      const field = fieldOfColumn.get(c);
      if (field)
        problems.warnings.push({
          row: r.row,
          column: column(field),
          message: 'Ô có công thức: chỉ lấy giá trị, không lấy công thức',
        });
    }
    for (let i = 0; i < cells.length; i += 1) {
      if (cells[i]!.includes('\uFFFD')) {
        problems.errors.push({
          path: `rows.${r.row}.cells.${i}`,
          row: r.row,
          column: headers[i] ?? String(i + 1),
          message: 'Ô có ký tự hỏng (lỗi mã hóa): hãy lưu lại tệp dạng UTF-8',
        });
      }
    }
    const name = names(cellAt(cells, iName));
    const fullName = name.clean;
    if (fullName.length < 2) bad(problems, r.row, 'fullName', 'Thiếu họ và tên');
    else if (fullName.length > 120) bad(problems, r.row, 'fullName', 'Họ và tên quá dài');
    const sexText = cellAt(cells, iSex);
    const sex = sexOf(sexText);
    if (sex === 'invalid')
      bad(problems, r.row, 'sex', `Giới tính "${sexText}" không hợp lệ: ghi Nam hoặc Nữ`);
    const year = yearOf(cellAt(cells, iYear), cellAt(cells, iDate));
    if (year === 'invalid' || (typeof year === 'number' && (year < 1900 || year > thisYear))) {
      bad(problems, r.row, yearField, 'Năm sinh không hợp lệ');
    }
    const relationText = cellAt(cells, iRelation);
    const relation = relationOf(relationText);
    if (relation === 'invalid')
      bad(
        problems,
        r.row,
        'relation',
        `Quan hệ "${relationText}" không được nhận ra (Chủ hộ, Vợ, Chồng, Con…)`,
      );
    const phoneText = cellAt(cells, iPhone);
    const phone = phoneText ? normalizePhone(phoneText) : null;
    if (phoneText && !phone)
      bad(problems, r.row, 'phone', `Số điện thoại "${phoneText}" không hợp lệ`);
    const nidText = cellAt(cells, iNid);
    const nid = nidText && /\s/.test(nidText) ? nidText.replace(/\s/g, '') : nidText;
    if (nid && !/^(\d{9}|\d{12})$/.test(nid))
      bad(
        problems,
        r.row,
        'nationalId',
        'Số CCCD / định danh phải có 12 chữ số (hoặc 9 chữ số CMND)',
      );
    if (problems.errors.length > before) return null;
    const addressText = cellAt(cells, iAddress);
    if (addressText !== lastAddress) {
      lastAddress = addressText;
      lastAddressClean = cleanText(addressText);
    }
    const ethnicity = cellAt(cells, iEthnicity);
    const notes = cellAt(cells, iNotes);
    return {
      row: r.row,
      hamletKey: foldedHamlet(cellAt(cells, iHamlet)),
      householdKey: cellAt(cells, iHousehold) || null,
      address: lastAddressClean,
      fullName,
      folded: name.folded,
      sex: sex as 'male' | 'female' | null,
      birthYear: year as number | null,
      relation: relation as Relation,
      phone,
      nationalId: nid || null,
      ethnicity: ethnicity ? cleanShort(ethnicity) : null,
      notes: notes ? cleanText(notes) : '',
    };
  };
}

/**
 * A checked row as one line of the spool: a JSON array in a fixed order rather than an object, so
 * the field names are neither written nor parsed 100,000 times.
 */
export function spoolLine(p: ParsedRow): string {
  return `${JSON.stringify([
    p.row,
    p.hamletKey,
    p.householdKey,
    p.address,
    p.fullName,
    p.folded,
    p.sex,
    p.birthYear,
    p.relation,
    p.phone,
    p.nationalIdHash ?? null,
    p.nationalIdLast4 ?? null,
    p.ethnicity,
    p.notes,
  ])}\n`;
}

/** Reads back a line written by spoolLine. */
export function unspoolLine(line: string): ParsedRow {
  const a = JSON.parse(line) as unknown[];
  return {
    row: a[0] as number,
    hamletKey: a[1] as string,
    householdKey: a[2] as string | null,
    address: a[3] as string,
    fullName: a[4] as string,
    folded: a[5] as string,
    sex: a[6] as ParsedRow['sex'],
    birthYear: a[7] as number | null,
    relation: a[8] as ParsedRow['relation'],
    phone: a[9] as string | null,
    nationalId: null,
    nationalIdHash: a[10] as string | null,
    nationalIdLast4: a[11] as string | null,
    ethnicity: a[12] as string | null,
    notes: a[13] as string,
  };
}
